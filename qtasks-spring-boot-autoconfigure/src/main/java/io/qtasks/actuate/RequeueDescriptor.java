package io.qtasks.actuate;

import org.jspecify.annotations.Nullable;

import io.qtasks.RequeueOutcome;
import io.qtasks.Task;

/**
 * What a requeue through {@link QTasksEndpoint} did.
 *
 * @param outcome what happened
 * @param task the record afterwards, or {@code null} when unknown
 * @author QTasks contributors
 */
public record RequeueDescriptor(RequeueOutcome outcome, @Nullable Task task) {

}
