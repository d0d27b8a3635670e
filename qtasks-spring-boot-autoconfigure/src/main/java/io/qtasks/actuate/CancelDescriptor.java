package io.qtasks.actuate;

import org.jspecify.annotations.Nullable;

import io.qtasks.CancelOutcome;
import io.qtasks.Task;

/**
 * What a cancel through {@link QTasksEndpoint} did.
 *
 * @param outcome what happened
 * @param task the record afterwards, or {@code null} when unknown
 * @author QTasks contributors
 */
public record CancelDescriptor(CancelOutcome outcome, @Nullable Task task) {

}
