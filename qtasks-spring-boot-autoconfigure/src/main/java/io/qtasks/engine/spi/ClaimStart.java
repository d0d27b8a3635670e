package io.qtasks.engine.spi;

import java.time.Instant;

import io.qtasks.Task;

/**
 * The start of a task's attempt that a claim stored along with the claim, so that the
 * worker need not write it: the record as it then reads (status {@code process}, the
 * attempt's entry), and the node and time it names.
 *
 * @param at when the attempt started (the claim's time)
 * @param node the worker node the claim was made for
 * @param record the record as stored: what {@link io.qtasks.engine.ClaimStarts} makes of
 * the record as it was before the claim
 * @author QTasks contributors
 */
public record ClaimStart(Instant at, String node, Task record) {

}
