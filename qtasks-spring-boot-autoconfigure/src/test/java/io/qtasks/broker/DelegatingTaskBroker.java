package io.qtasks.broker;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.SortedMap;
import java.util.UUID;

import io.qtasks.CancelOutcome;
import io.qtasks.RequeueOutcome;
import io.qtasks.Task;

/**
 * A broker that hands every call to another one, under a type of its own: a user's own
 * engine in tests, and a base for brokers that misbehave on purpose.
 *
 * @author QTasks contributors
 */
public class DelegatingTaskBroker implements TaskBroker {

	private final String type;

	private final TaskBroker delegate;

	public DelegatingTaskBroker(String type, TaskBroker delegate) {
		this.type = type;
		this.delegate = delegate;
	}

	@Override
	public String type() {
		return this.type;
	}

	@Override
	public void enqueue(Task task) {
		this.delegate.enqueue(task);
	}

	@Override
	public List<TaskDelivery> receive(int max, Duration timeout) throws InterruptedException {
		return this.delegate.receive(max, timeout);
	}

	@Override
	public CancelOutcome cancel(UUID uuid, String reason) {
		return this.delegate.cancel(uuid, reason);
	}

	@Override
	public void addCancelRequestListener(CancelRequestListener listener) {
		this.delegate.addCancelRequestListener(listener);
	}

	@Override
	public Optional<String> cancelRequest(UUID uuid) {
		return this.delegate.cancelRequest(uuid);
	}

	@Override
	public RequeueOutcome requeue(UUID uuid) {
		return this.delegate.requeue(uuid);
	}

	@Override
	public long pendingCount() {
		return this.delegate.pendingCount();
	}

	@Override
	public SortedMap<Integer, Long> pendingCountByPriority() {
		return this.delegate.pendingCountByPriority();
	}

}
