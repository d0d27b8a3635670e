package io.qtasks.actuate;

import org.jspecify.annotations.Nullable;

import io.qtasks.TaskStatus;

/**
 * The filters of a listing of {@link QTasksEndpoint}.
 *
 * @param status the status, or {@code null} for any
 * @param task the task name, or {@code null} for any
 * @param limit the most records listed
 * @author QTasks contributors
 */
public record QueryDescriptor(@Nullable TaskStatus status, @Nullable String task, int limit) {

}
