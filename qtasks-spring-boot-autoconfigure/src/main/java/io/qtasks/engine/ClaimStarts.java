package io.qtasks.engine;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;

import io.qtasks.Task;

/**
 * How a record reads when its claim also stored the start of the task's attempt: what a
 * worker's run stores as it starts a task that is no generator
 * ({@link TaskTransitions#started(Task, boolean, String)} dated by the claim), built from
 * the {@linkplain TaskTransitions#claimed claimed record} with the retries the record
 * names. An engine that records starts in its claims keeps only the claim's time, node
 * and delivery count next to the stored record, and every node reads the record through
 * this one rule (see {@link TaskDelivery#claimRecordedStart()}).
 *
 * @author QTasks contributors
 */
public final class ClaimStarts {

	private ClaimStarts() {
	}

	/**
	 * The record as it reads with a start that its claim stored.
	 * @param stored the record as stored before the claim
	 * @param deliveries how many times the task was handed out, that claim included
	 * @param node the worker node the claim was made for
	 * @param at when the claim was made
	 * @return the record
	 */
	public static Task started(Task stored, int deliveries, String node, Instant at) {
		TaskTransitions transitions = new TaskTransitions(Clock.fixed(at, ZoneOffset.UTC));
		return transitions.started(transitions.claimed(stored, deliveries, stored.retry()), false, node);
	}

}
