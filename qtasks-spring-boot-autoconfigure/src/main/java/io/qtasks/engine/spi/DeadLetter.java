package io.qtasks.engine.spi;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * A queue entry that named no queued task, which the queue set aside rather than hand out
 * (written into the queue's keys by hand or by another program).
 *
 * @param entry the entry as found
 * @param reason why it was set aside
 * @param at when, or {@code null} when not known
 * @author QTasks contributors
 */
public record DeadLetter(String entry, String reason, @Nullable Instant at) {

}
