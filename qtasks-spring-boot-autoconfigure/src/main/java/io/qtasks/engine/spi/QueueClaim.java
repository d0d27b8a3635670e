package io.qtasks.engine.spi;

import java.util.UUID;

import org.jspecify.annotations.Nullable;

/**
 * A task handed out by a queue to one claimant.
 *
 * @param uuid the task's uuid
 * @param token the claim's fencing token: random, and never handed out twice
 * @param deliveries how many times the task has been handed out, this claim included
 * @param stored the task's record, when the queue read it along with the claim (a queue
 * that shares its storage with the records may); {@code null} when the record store is to
 * be asked
 * @param start the start of the attempt that the claim stored, when it stored one (then
 * {@code stored} is the record as it was before that start); {@code null} when the worker
 * records the start itself
 * @author QTasks contributors
 */
public record QueueClaim(UUID uuid, String token, int deliveries, @Nullable StoredTask stored,
		@Nullable ClaimStart start) {

	/**
	 * A claim that stored no start.
	 * @param uuid the task's uuid
	 * @param token the claim's fencing token
	 * @param deliveries how many times the task has been handed out, this claim included
	 * @param stored the task's record, or {@code null} when the record store is to be
	 * asked
	 */
	public QueueClaim(UUID uuid, String token, int deliveries, @Nullable StoredTask stored) {
		this(uuid, token, deliveries, stored, null);
	}

}
