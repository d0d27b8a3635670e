package io.qtasks.engine.spi;

import org.jspecify.annotations.Nullable;

import io.qtasks.Task;

/**
 * A record as a store holds it, with what fencing needs.
 *
 * @param record the task's record
 * @param revision counts the writes of the record; a write fenced by revision passes only
 * when it still matches
 * @param holder the fencing token of the claim that holds the task, or {@code null}
 * @param cancelRequest the reason of a cancel requested while the task was claimed, or
 * {@code null}; it lasts until the task finishes
 * @author QTasks contributors
 */
public record StoredTask(Task record, long revision, @Nullable String holder, @Nullable String cancelRequest) {

}
