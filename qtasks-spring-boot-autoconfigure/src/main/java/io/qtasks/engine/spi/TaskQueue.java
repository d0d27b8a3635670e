package io.qtasks.engine.spi;

import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.Optional;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

/**
 * Orders tasks and hands them out, one claimant at a time: the queue half of an engine.
 * Tasks are identified by uuid; their records live in a {@link TaskRecordStore}.
 * <p>
 * A queue keeps priority order (lower first, first in first out within a priority) and
 * can hold a task until an instant. A claim lasts until it is acknowledged or released,
 * or, on a queue with leases, until its lease runs out without being extended; the task
 * is then handed out again.
 * <p>
 * Tasks belong to named queues, and may have limits ({@link TaskLimits}: a cap on claims
 * at once and a rate of starts, per task name and limit key) that the claimant names in
 * its {@link ClaimRequest}. A queue counts the claims of each task name and limit key
 * from the claim until it ends, whichever way it ends (acknowledged, released, or its
 * lease taken over), and passes over tasks that are over their limits.
 *
 * @author QTasks contributors
 */
public interface TaskQueue {

	/**
	 * A short name of the technology, such as {@code "memory"} or {@code "redis"}.
	 * @return the name
	 */
	String type();

	/**
	 * Whether other nodes claim from this queue too. A worker of a shared queue claims
	 * only the tasks it knows, leaving the others for the nodes that know them; on a
	 * queue of one node, a task this node does not know can never run.
	 * @return {@code true} when the queue is shared
	 */
	boolean isShared();

	/**
	 * Queues a task: at the back of its priority, or, when it is due later, waiting until
	 * then.
	 * @param entry the task
	 */
	void enqueue(QueueEntry entry);

	/**
	 * Claims due tasks, waiting for the first one up to the request's timeout. Tasks that
	 * became due meanwhile go to the back of their priority, earliest due first.
	 * @param request how many, of which names, how long to wait
	 * @return the claims, in priority order; empty when the timeout passed
	 * @throws InterruptedException when the waiting thread is interrupted
	 */
	List<QueueClaim> claim(ClaimRequest request) throws InterruptedException;

	/**
	 * How often the claims a worker holds must be {@linkplain #extend extended}, or empty
	 * when claims never run out.
	 * @return the interval
	 */
	Optional<Duration> renewalInterval();

	/**
	 * Extends the leases of claims.
	 * @param claims the claims to extend
	 * @return the tokens of those no longer held: their lease ran out and the task was
	 * handed out again (or the claim ended meanwhile)
	 */
	Set<String> extend(Collection<QueueClaim> claims);

	/**
	 * Ends a claim: the task leaves the queue.
	 * @param claim the claim
	 * @return {@code false} when the claim was no longer held
	 */
	boolean ack(QueueClaim claim);

	/**
	 * Ends a claim and puts the task back: at its old place when {@code until} is
	 * {@code null} or past, else waiting until then.
	 * @param claim the claim
	 * @param until when the task is due again, or {@code null} for now
	 * @return {@code false} when the claim was no longer held
	 */
	boolean release(QueueClaim claim, @Nullable Instant until);

	/**
	 * Takes a task out of the queue when it is queued or waiting (not claimed).
	 * @param uuid the task's uuid
	 * @return {@code true} when it was queued or waiting and is no longer
	 */
	boolean remove(UUID uuid);

	/**
	 * How many tasks are due and wait for a worker.
	 * @return the count
	 */
	long pendingCount();

	/**
	 * How many tasks wait for an instant (a retry's pause, a delay).
	 * @return the count
	 */
	long waitingCount();

	/**
	 * How many tasks are due, by priority.
	 * @return the counts of the priorities that have due tasks, lowest first; an engine
	 * may report only the first ones
	 */
	SortedMap<Integer, Long> pendingCountByPriority();

	/**
	 * How many tasks are due, by task name.
	 * @return the counts of the names that have due tasks
	 */
	Map<String, Long> pendingCountByTaskName();

	/**
	 * The due tasks by queue, name and limit key, and the claims held by task name and by
	 * queue. A queue that knows no named queues or limits reports every due task in the
	 * default queue and no claims.
	 * @param limits the limits of task names, to tell which due tasks wait for one
	 * @return the stats
	 */
	default FlowStats flowStats(Map<String, TaskLimits> limits) {
		return new FlowStats(pendingCountByTaskName().entrySet()
			.stream()
			.map((due) -> new FlowStats.Lane(ClaimRequest.DEFAULT_QUEUE, due.getKey(), null, due.getValue(), false))
			.toList(), Map.of(), Map.of());
	}

	/**
	 * The entries this queue set aside because they named no queued task, newest first.
	 * @param max the most to report
	 * @return the entries; empty for a queue that never sets any aside
	 */
	default List<DeadLetter> deadLetters(int max) {
		return List.of();
	}

}
