package io.qtasks.worker;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import io.qtasks.engine.TaskDelivery;
import io.qtasks.engine.spi.QueueEntry;

/**
 * The worker's slots of each queue that has a concurrency of its own
 * ({@code qtasks.worker.queue-concurrency.<queue>}), inside the worker's overall slots: a
 * claim takes every free slot of those queues, asks the engine for at most that many of
 * each, and gives back those it did not fill; a run gives its queue slot back as it ends.
 *
 * @author QTasks contributors
 */
final class QueueShares {

	private final Map<String, AtomicInteger> free = new HashMap<>();

	QueueShares(Map<String, Integer> concurrency) {
		concurrency.forEach((queue, slots) -> this.free.put(queue, new AtomicInteger(slots)));
	}

	/**
	 * Whether no queue has a concurrency of its own.
	 * @return the flag
	 */
	boolean isEmpty() {
		return this.free.isEmpty();
	}

	/**
	 * Takes every free slot of the queues that have a concurrency.
	 * @return how many were taken of each
	 */
	Map<String, Integer> takeFree() {
		Map<String, Integer> taken = new HashMap<>();
		this.free.forEach((queue, slots) -> taken.put(queue, slots.getAndSet(0)));
		return taken;
	}

	/**
	 * Gives back the slots taken for a claim that the claim did not fill.
	 * @param taken what {@link #takeFree()} took
	 * @param deliveries what the claim brought
	 */
	void giveBackUnused(Map<String, Integer> taken, List<TaskDelivery> deliveries) {
		Map<String, Integer> unused = new HashMap<>(taken);
		deliveries.forEach((delivery) -> unused.computeIfPresent(queueOf(delivery), (queue, slots) -> slots - 1));
		unused.forEach((queue, slots) -> this.free.get(queue).addAndGet(slots));
	}

	/**
	 * Gives back the queue slot of a run that ended (or gave its worker slot back).
	 * @param delivery the run's task
	 */
	void ended(TaskDelivery delivery) {
		AtomicInteger slots = this.free.get(queueOf(delivery));
		if (slots != null) {
			slots.incrementAndGet();
		}
	}

	private static String queueOf(TaskDelivery delivery) {
		return QueueEntry.queueOf(delivery.task());
	}

}
