package io.qtasks.client;

import org.jspecify.annotations.Nullable;

import org.springframework.util.unit.DataSize;

/**
 * How the client builds the records of new tasks.
 *
 * @param maxPayloadSize the largest JSON size of a task's arguments, or {@code null} for
 * no limit
 * @param defaultPriority the priority of tasks this node does not know
 * @param defaultRetry the retries of tasks this node does not know
 * @author QTasks contributors
 */
public record ClientSettings(@Nullable DataSize maxPayloadSize, int defaultPriority, int defaultRetry) {

	/**
	 * The defaults: arguments up to 1 MB, priority 0, no retries.
	 */
	public static final ClientSettings DEFAULTS = new ClientSettings(DataSize.ofMegabytes(1), 0, 0);

}
