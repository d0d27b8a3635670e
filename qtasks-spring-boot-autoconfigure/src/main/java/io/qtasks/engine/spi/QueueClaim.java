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
 * @author QTasks contributors
 */
public record QueueClaim(UUID uuid, String token, int deliveries, @Nullable StoredTask stored) {

}
