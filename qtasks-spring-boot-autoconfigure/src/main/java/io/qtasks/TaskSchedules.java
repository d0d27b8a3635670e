package io.qtasks;

import java.util.List;
import java.util.Optional;

/**
 * The recurring schedules of the application: those declared with
 * {@code @QTask(cron = …)} or {@code @QTask(fixedRate = …)}, and those added here at run
 * time. Schedules are stored in the engine, so that every node sees them and they outlive
 * every node (on the Redis engine); worker nodes fire them, each due time once per
 * application however many nodes run. Auto-configured as a bean, and reachable as
 * {@link QTasks#schedules()}.
 *
 * <pre class="code">
 * schedules.schedule("nightly-report", "build_report")
 *     .cron("0 0 3 * * *").zone(ZoneId.of("Europe/Paris"))
 *     .args("acme")
 *     .add();
 * schedules.pause("nightly-report");
 * </pre>
 *
 * @author QTasks contributors
 */
public interface TaskSchedules {

	/**
	 * Starts a schedule to add at run time; complete it with
	 * {@link ScheduleRequest#add()}. Adding a schedule under a name in use replaces its
	 * definition and keeps its state (pause and last firing), so that an application may
	 * add its schedules at every start.
	 * @param name the schedule's name, unique in the application
	 * @param taskName the task each firing enqueues
	 * @return the request
	 */
	ScheduleRequest schedule(String name, String taskName);

	/**
	 * Lists the schedules, by name: those stored in the engine and those this node
	 * declares.
	 * @return the schedules
	 */
	List<TaskSchedule> list();

	/**
	 * Reads one schedule.
	 * @param name the schedule's name
	 * @return the schedule, or empty when none has that name
	 */
	Optional<TaskSchedule> get(String name);

	/**
	 * Pauses a schedule: it fires no more until it is resumed, on any node.
	 * @param name the schedule's name
	 * @return {@code false} when no schedule has that name
	 */
	boolean pause(String name);

	/**
	 * Resumes a paused schedule. The due times that passed while it was paused are not
	 * fired; it goes on with the next one.
	 * @param name the schedule's name
	 * @return {@code false} when no schedule has that name
	 */
	boolean resume(String name);

	/**
	 * Removes a schedule added at run time; it fires no more, on any node.
	 * @param name the schedule's name
	 * @return {@code false} when no schedule has that name
	 * @throws IllegalStateException when the schedule is declared in code (pause it
	 * instead)
	 */
	boolean remove(String name);

}
