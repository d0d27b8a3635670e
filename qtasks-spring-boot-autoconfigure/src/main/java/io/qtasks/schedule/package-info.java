/**
 * Recurring schedules: the {@link io.qtasks.TaskSchedules} of the client, and the firing
 * of due schedules that worker nodes run. Schedules and their firings are stored through
 * the engine's {@link io.qtasks.engine.spi.TaskScheduleStore}, which fires each due time
 * once per application.
 */
@NullMarked
package io.qtasks.schedule;

import org.jspecify.annotations.NullMarked;
