package io.qtasks.actuate;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

import io.qtasks.TaskSchedule;

/**
 * A recurring schedule, as {@link QTasksEndpoint} shows it.
 *
 * @param name the schedule's name
 * @param task the task each firing enqueues
 * @param cron the cron expression, or {@code null} for a fixed rate
 * @param zone the zone of the cron expression, or {@code null}
 * @param fixedRate the rate (ISO-8601), or {@code null} for a cron expression
 * @param args the positional arguments of each firing
 * @param kwargs the named arguments of each firing
 * @param priority the priority of each firing, or {@code null} for the task's own
 * @param misfire what happens to missed due times ({@code RUN_ONCE}, {@code SKIP})
 * @param source {@code annotation} for a schedule declared with {@code @QTask},
 * {@code runtime} for one added through {@code TaskSchedules}
 * @param paused whether it is paused
 * @param nextDueAt its next due time, or {@code null}
 * @param lastDueAt the due time of its last firing, or {@code null}
 * @param lastTaskUuid the task of its last firing, or {@code null}
 * @author QTasks contributors
 */
public record ScheduleDescriptor(String name, String task, @Nullable String cron, @Nullable String zone,
		@Nullable String fixedRate, List<Object> args, Map<String, Object> kwargs, @Nullable Integer priority,
		String misfire, String source, boolean paused, @Nullable Instant nextDueAt, @Nullable Instant lastDueAt,
		@Nullable UUID lastTaskUuid) {

	static ScheduleDescriptor of(TaskSchedule schedule) {
		return new ScheduleDescriptor(schedule.name(), schedule.taskName(), schedule.cron(), schedule.zone(),
				(schedule.fixedRate() != null) ? schedule.fixedRate().toString() : null, schedule.args(),
				schedule.kwargs(), schedule.priority(), schedule.misfire().name(),
				schedule.declared() ? "annotation" : "runtime", schedule.paused(), schedule.nextDueAt(),
				schedule.lastDueAt(), schedule.lastTaskUuid());
	}

}
