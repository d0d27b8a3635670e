package io.qtasks.engine;

import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

import io.qtasks.engine.spi.ClaimRequest;
import io.qtasks.engine.spi.QueueClaim;
import io.qtasks.engine.spi.QueueEntry;
import io.qtasks.engine.spi.TaskQueue;

/**
 * A queue that hands every call to another one: a base for queues that misbehave on
 * purpose.
 *
 * @author QTasks contributors
 */
public class DelegatingTaskQueue implements TaskQueue {

	private final TaskQueue delegate;

	public DelegatingTaskQueue(TaskQueue delegate) {
		this.delegate = delegate;
	}

	@Override
	public String type() {
		return this.delegate.type();
	}

	@Override
	public boolean isShared() {
		return this.delegate.isShared();
	}

	@Override
	public void enqueue(QueueEntry entry) {
		this.delegate.enqueue(entry);
	}

	@Override
	public List<QueueClaim> claim(ClaimRequest request) throws InterruptedException {
		return this.delegate.claim(request);
	}

	@Override
	public Optional<Duration> renewalInterval() {
		return this.delegate.renewalInterval();
	}

	@Override
	public Set<String> extend(Collection<QueueClaim> claims) {
		return this.delegate.extend(claims);
	}

	@Override
	public boolean ack(QueueClaim claim) {
		return this.delegate.ack(claim);
	}

	@Override
	public boolean release(QueueClaim claim, @Nullable Instant until) {
		return this.delegate.release(claim, until);
	}

	@Override
	public boolean remove(UUID uuid) {
		return this.delegate.remove(uuid);
	}

	@Override
	public long pendingCount() {
		return this.delegate.pendingCount();
	}

	@Override
	public long waitingCount() {
		return this.delegate.waitingCount();
	}

	@Override
	public SortedMap<Integer, Long> pendingCountByPriority() {
		return this.delegate.pendingCountByPriority();
	}

	@Override
	public Map<String, Long> pendingCountByTaskName() {
		return this.delegate.pendingCountByTaskName();
	}

}
