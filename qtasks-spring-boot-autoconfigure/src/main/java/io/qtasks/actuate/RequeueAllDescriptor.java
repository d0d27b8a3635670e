package io.qtasks.actuate;

import org.jspecify.annotations.Nullable;

import io.qtasks.TaskStatus;

/**
 * What a requeue of every matching task through {@link QTasksEndpoint} did.
 *
 * @param requeued how many tasks were queued again
 * @param status the status they had
 * @param task their name, or {@code null} for any
 * @author QTasks contributors
 */
public record RequeueAllDescriptor(int requeued, TaskStatus status, @Nullable String task) {

}
