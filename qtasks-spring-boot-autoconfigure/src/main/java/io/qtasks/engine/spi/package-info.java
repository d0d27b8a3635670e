/**
 * The engine SPI: what an engine implements, cut where engines differ. A
 * {@link io.qtasks.engine.spi.TaskQueue} orders and hands out tasks, a
 * {@link io.qtasks.engine.spi.TaskRecordStore} keeps their records and fences writes,
 * {@link io.qtasks.engine.spi.TaskEvents} tells of finished tasks and cancel requests,
 * and {@link io.qtasks.engine.spi.TaskSteps} does the few steps that change a record and
 * its place in the queue together. Engines store and fence; the records they store are
 * built by {@link io.qtasks.engine.TaskTransitions}.
 */
@NullMarked
package io.qtasks.engine.spi;

import org.jspecify.annotations.NullMarked;
