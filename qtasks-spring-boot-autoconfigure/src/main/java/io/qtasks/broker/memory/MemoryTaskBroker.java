package io.qtasks.broker.memory;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.PriorityBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.util.Assert;

import io.qtasks.CancelOutcome;
import io.qtasks.RequeueOutcome;
import io.qtasks.Task;
import io.qtasks.TaskStatus;
import io.qtasks.broker.CancelRequestListener;
import io.qtasks.broker.TaskBroker;
import io.qtasks.broker.TaskDelivery;
import io.qtasks.broker.TaskRequeue;
import io.qtasks.storage.memory.MemoryTaskStorage;

/**
 * A broker inside this JVM: a priority queue (lower priority first, FIFO within a
 * priority) over a {@link MemoryTaskStorage}. Needs no infrastructure; tasks live as long
 * as the JVM, and those still queued when it stops are lost (with a warning).
 *
 * @author QTasks contributors
 */
public class MemoryTaskBroker implements TaskBroker, DisposableBean {

	private static final Logger logger = LoggerFactory.getLogger(MemoryTaskBroker.class);

	private final PriorityBlockingQueue<Queued> queue = new PriorityBlockingQueue<>();

	private final AtomicLong sequence = new AtomicLong();

	private final Map<UUID, String> cancelRequests = new ConcurrentHashMap<>();

	private final List<CancelRequestListener> cancelListeners = new CopyOnWriteArrayList<>();

	private final MemoryTaskStorage storage;

	private final Clock clock;

	/**
	 * Creates a broker over the given storage.
	 * @param storage where records are kept
	 * @param clock the clock that dates record changes
	 */
	public MemoryTaskBroker(MemoryTaskStorage storage, Clock clock) {
		this.storage = storage;
		this.clock = clock;
	}

	@Override
	public String type() {
		return "memory";
	}

	@Override
	public void enqueue(Task task) {
		this.storage.save(task);
		this.queue.add(new Queued(task, this.sequence.incrementAndGet(), 1));
	}

	@Override
	public List<TaskDelivery> receive(int max, Duration timeout) throws InterruptedException {
		Assert.isTrue(max > 0, "max must be positive");
		Queued first = this.queue.poll(timeout.toNanos(), TimeUnit.NANOSECONDS);
		if (first == null) {
			return List.of();
		}
		List<Queued> claimed = new ArrayList<>(max);
		claimed.add(first);
		this.queue.drainTo(claimed, max - 1);
		List<TaskDelivery> deliveries = new ArrayList<>(claimed.size());
		for (Queued queued : claimed) {
			deliveries.add(new MemoryDelivery(queued));
		}
		return deliveries;
	}

	@Override
	public CancelOutcome cancel(UUID uuid, String reason) {
		Optional<Task> found = this.storage.find(uuid);
		if (found.isEmpty()) {
			return CancelOutcome.NOT_FOUND;
		}
		if (found.get().isFinished()) {
			return CancelOutcome.ALREADY_FINISHED;
		}
		if (this.queue.removeIf((queued) -> queued.task().uuid().equals(uuid))) {
			this.storage.save(found.get()
				.toBuilder()
				.status(TaskStatus.CANCEL)
				.cancelReason(reason)
				.updatedAt(this.clock.instant())
				.build());
			return CancelOutcome.CANCELLED;
		}
		this.cancelRequests.put(uuid, reason);
		this.cancelListeners.forEach((listener) -> listener.cancelRequested(uuid, reason));
		return CancelOutcome.CANCEL_REQUESTED;
	}

	@Override
	public RequeueOutcome requeue(UUID uuid) {
		AtomicReference<RequeueOutcome> outcome = new AtomicReference<>(RequeueOutcome.NOT_FOUND);
		Optional<Task> stored = this.storage.change(uuid, (current) -> {
			if (!TaskRequeue.isRequeueable(current)) {
				outcome.set(RequeueOutcome.NOT_REQUEUEABLE);
				return current;
			}
			outcome.set(RequeueOutcome.REQUEUED);
			return TaskRequeue.queuedAgain(current, this.clock.instant());
		});
		if (outcome.get() == RequeueOutcome.REQUEUED) {
			this.queue.add(new Queued(stored.get(), this.sequence.incrementAndGet(), 1));
		}
		return outcome.get();
	}

	@Override
	public void addCancelRequestListener(CancelRequestListener listener) {
		this.cancelListeners.add(listener);
	}

	@Override
	public Optional<String> cancelRequest(UUID uuid) {
		return Optional.ofNullable(this.cancelRequests.get(uuid));
	}

	@Override
	public long pendingCount() {
		return this.queue.size();
	}

	@Override
	public SortedMap<Integer, Long> pendingCountByPriority() {
		SortedMap<Integer, Long> counts = new TreeMap<>();
		for (Queued queued : this.queue) {
			counts.merge(queued.task().priority(), 1L, Long::sum);
		}
		return counts;
	}

	/**
	 * Says how many queued tasks are lost with this JVM, rather than dropping them
	 * silently.
	 */
	@Override
	public void destroy() {
		List<Queued> dropped = new ArrayList<>();
		this.queue.drainTo(dropped);
		if (!dropped.isEmpty()) {
			logger.warn(
					"{} queued task(s) are lost: the memory broker keeps tasks only while this JVM runs (use the"
							+ " redis broker to keep them): {}",
					dropped.size(), dropped.stream().map((queued) -> queued.task().uuid()).toList());
		}
	}

	/**
	 * A queued record; lower priority first, then first come first served. Records do not
	 * change while queued (a cancel takes them out), so the queue holds them directly.
	 *
	 * @param task the record
	 * @param sequence the order of arrival
	 * @param deliveries the how-manieth delivery the next claim is
	 */
	private record Queued(Task task, long sequence, int deliveries) implements Comparable<Queued> {

		@Override
		public int compareTo(Queued other) {
			int byPriority = Integer.compare(this.task.priority(), other.task.priority());
			return (byPriority != 0) ? byPriority : Long.compare(this.sequence, other.sequence);
		}

	}

	private final class MemoryDelivery implements TaskDelivery {

		private final Task task;

		private final Queued queued;

		MemoryDelivery(Queued queued) {
			this.task = queued.task();
			this.queued = queued;
		}

		@Override
		public Task task() {
			return this.task;
		}

		@Override
		public int deliveries() {
			return this.queued.deliveries();
		}

		@Override
		public boolean update(Task record) {
			MemoryTaskBroker.this.storage.save(record);
			return true;
		}

		@Override
		public boolean complete(Task record) {
			MemoryTaskBroker.this.storage.save(record);
			MemoryTaskBroker.this.cancelRequests.remove(record.uuid());
			return true;
		}

		@Override
		public void release() {
			Task current = MemoryTaskBroker.this.storage.find(this.task.uuid()).orElse(this.task);
			Task queued = current.toBuilder()
				.status(TaskStatus.NEW)
				.updatedAt(MemoryTaskBroker.this.clock.instant())
				.build();
			MemoryTaskBroker.this.storage.save(queued);
			MemoryTaskBroker.this.queue.add(new Queued(queued, this.queued.sequence(), this.queued.deliveries() + 1));
		}

	}

}
