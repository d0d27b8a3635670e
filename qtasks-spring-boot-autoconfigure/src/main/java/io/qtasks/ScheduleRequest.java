package io.qtasks;

import java.time.Duration;
import java.time.ZoneId;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * A schedule about to be added at run time, started by
 * {@link TaskSchedules#schedule(String, String)}: either a {@link #cron(String) cron}
 * expression or a {@link #fixedRate(Duration) fixed rate}, and the arguments and priority
 * of each firing.
 *
 * @author QTasks contributors
 */
public interface ScheduleRequest {

	/**
	 * Fires at the due times of a cron expression, in Spring's syntax (six fields, the
	 * first one seconds, or a macro such as {@code @hourly}, {@code @daily}).
	 * @param expression the expression
	 * @return this request
	 * @throws IllegalArgumentException when the expression is not valid
	 */
	ScheduleRequest cron(String expression);

	/**
	 * The time zone the cron expression is read in. Without it, the zone of the node that
	 * adds the schedule, stored with it so that every node reads the expression alike.
	 * @param zone the zone
	 * @return this request
	 */
	ScheduleRequest zone(ZoneId zone);

	/**
	 * Fires every {@code rate}, counted from when the schedule was first added: at once,
	 * then one rate later, and so on.
	 * @param rate the time between two due times, at least one millisecond
	 * @return this request
	 */
	ScheduleRequest fixedRate(Duration rate);

	/**
	 * Sets the positional arguments of each firing.
	 * @param args the arguments; each must be writable as JSON
	 * @return this request
	 */
	ScheduleRequest args(@Nullable Object @Nullable ... args);

	/**
	 * Adds named arguments of each firing.
	 * @param kwargs the arguments; each value must be writable as JSON
	 * @return this request
	 */
	ScheduleRequest kwargs(Map<String, ?> kwargs);

	/**
	 * Sets the priority of each firing; without it, the task's own.
	 * @param priority the priority (lower runs first)
	 * @return this request
	 */
	ScheduleRequest priority(int priority);

	/**
	 * What happens to the due times missed while no node fired; {@link Misfire#RUN_ONCE}
	 * when not set.
	 * @param misfire the policy
	 * @return this request
	 */
	ScheduleRequest misfire(Misfire misfire);

	/**
	 * Stores the schedule in the engine, where every worker node fires it.
	 * @return the schedule as stored
	 * @throws IllegalArgumentException when it has neither or both of a cron expression
	 * and a fixed rate, or a schedule declared in code has its name
	 */
	TaskSchedule add();

}
