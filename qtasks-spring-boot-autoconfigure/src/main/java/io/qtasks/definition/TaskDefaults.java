package io.qtasks.definition;

import java.time.Duration;

import org.jspecify.annotations.Nullable;

/**
 * The values a {@code @QTask} takes for the attributes it leaves unset.
 *
 * @param priority the priority
 * @param retry the retries
 * @param backoff the pause between attempts, each part taken where the annotation's
 * {@code backoff} leaves it unset
 * @param timeout the longest a run may take, or {@code null} for no limit
 * @author QTasks contributors
 */
public record TaskDefaults(int priority, int retry, TaskBackoff backoff, @Nullable Duration timeout) {

	/**
	 * The defaults without configuration: priority 0, no retries, no pause, no timeout.
	 */
	public static final TaskDefaults NONE = new TaskDefaults(0, 0,
			new TaskBackoff(Duration.ZERO, 1.0, Duration.ofSeconds(30), Duration.ZERO), null);

}
