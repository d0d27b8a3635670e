package io.qtasks.actuate;

import java.util.Map;

/**
 * The queue, as {@link QTasksEndpoint} shows it.
 *
 * @param depth how many tasks are due and wait for a worker
 * @param waiting how many tasks wait for an instant (a delay, a retry's pause), not yet
 * due
 * @param byPriority how many due tasks wait per priority, lowest (first to run) first
 * @author QTasks contributors
 */
public record QueueDescriptor(long depth, long waiting, Map<String, Long> byPriority) {

}
