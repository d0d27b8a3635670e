package io.qtasks.engine.spi;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

import io.qtasks.Task;

/**
 * A task to store and queue, as one of a batch.
 *
 * @param record the record, in status {@code new}
 * @param dueAt when it may run, or {@code null} for now
 * @author QTasks contributors
 */
public record NewTask(Task record, @Nullable Instant dueAt) {

}
