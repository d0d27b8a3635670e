package io.qtasks;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

/**
 * A recurring schedule as {@link TaskSchedules} shows it: what it runs, when, and where
 * its firings stand. Each due time fires once per application: one task, whose uuid is
 * derived from the schedule's name and the due time.
 *
 * @param name the schedule's name; a schedule declared with {@code @QTask} is named after
 * its task
 * @param taskName the task each firing enqueues
 * @param cron the cron expression (Spring's syntax, macros such as {@code @daily}
 * included), or {@code null} for a fixed-rate schedule
 * @param zone the time zone the cron expression is read in, or {@code null} (fixed rate,
 * or the node's default zone)
 * @param fixedRate the time between two due times, or {@code null} for a cron schedule
 * @param args the positional arguments of each firing, as JSON values
 * @param kwargs the named arguments of each firing, as JSON values
 * @param priority the priority of each firing, or {@code null} for the task's own
 * @param misfire what happens to the due times missed while no node fired
 * @param declared whether the schedule is declared in code ({@code @QTask(cron = …)} or
 * {@code fixedRate}) rather than added at run time; declared schedules can be paused, not
 * removed
 * @param paused whether it is paused
 * @param nextDueAt the next due time it will fire, or {@code null} (paused, or none left)
 * @param lastDueAt the due time of its last firing, or {@code null} before the first
 * @param lastTaskUuid the uuid of the task of its last firing, or {@code null}
 * @author QTasks contributors
 */
public record TaskSchedule(String name, String taskName, @Nullable String cron, @Nullable String zone,
		@Nullable Duration fixedRate, List<Object> args, Map<String, Object> kwargs, @Nullable Integer priority,
		Misfire misfire, boolean declared, boolean paused, @Nullable Instant nextDueAt, @Nullable Instant lastDueAt,
		@Nullable UUID lastTaskUuid) {

	/**
	 * Takes unmodifiable copies of the arguments ({@code null} elements and values are
	 * kept, as in JSON).
	 */
	public TaskSchedule {
		args = FrozenJson.list(args);
		kwargs = FrozenJson.map(kwargs);
	}

}
