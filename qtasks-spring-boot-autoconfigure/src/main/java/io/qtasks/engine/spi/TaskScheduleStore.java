package io.qtasks.engine.spi;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.BooleanSupplier;

import io.qtasks.Task;

/**
 * Keeps the schedules of an application where every node sees them: the definitions of
 * schedules added at run time, and for every schedule (declared in code or added at run
 * time) whether it is paused and which due time it fired last. An engine that many nodes
 * share keeps them in its shared store, so that every node fires from the same state and
 * the state outlives every node.
 * <p>
 * The one step that must be atomic across nodes is {@link #fire}: a due time fires once
 * per application, however many nodes try. Every other method is a plain read or write of
 * one schedule.
 *
 * @author QTasks contributors
 */
public interface TaskScheduleStore {

	/**
	 * A short name of the technology, such as {@code "memory"} or {@code "redis"}.
	 * @return the name
	 */
	String type();

	/**
	 * Stores the definition of a schedule added at run time, replacing the definition of
	 * one of that name; a replaced schedule keeps its state (pause, last firing, creation
	 * time).
	 * @param name the schedule's name
	 * @param definition its definition, JSON text written by QTasks
	 * @param now the current time, the creation time of a new schedule
	 * @return {@code false} when a schedule declared in code has that name (nothing
	 * changed)
	 */
	boolean define(String name, String definition, Instant now);

	/**
	 * Makes sure a schedule declared in code has a stored state, created at {@code now}
	 * when it has none. Each node declares its schedules as its worker starts.
	 * @param name the schedule's name
	 * @param now the current time
	 * @return the schedule as stored; one with a {@linkplain StoredSchedule#definition()
	 * definition} means that a schedule added at run time has the name
	 */
	StoredSchedule declare(String name, Instant now);

	/**
	 * Reads a schedule.
	 * @param name the schedule's name
	 * @return the schedule, or empty when none has that name
	 */
	Optional<StoredSchedule> find(String name);

	/**
	 * Reads all schedules.
	 * @return the schedules, in no particular order
	 */
	List<StoredSchedule> list();

	/**
	 * Removes a schedule and its state.
	 * @param name the schedule's name
	 * @return {@code false} when none had that name
	 */
	boolean remove(String name);

	/**
	 * Pauses or resumes a schedule. A resumed schedule does not fire the due times that
	 * passed while it was paused.
	 * @param name the schedule's name
	 * @param paused {@code true} to pause, {@code false} to resume
	 * @param now the current time, stored as the resume time
	 * @return {@code false} when none has that name
	 */
	boolean setPaused(String name, boolean paused, Instant now);

	/**
	 * Fires a schedule for one due time, atomically across nodes: when the schedule
	 * exists, is not paused and last fired before {@code dueAt}, its last firing becomes
	 * this one and the firing's task is stored and queued, both or neither. A store in
	 * the same database as the queue does both itself (in one script or transaction); a
	 * store that cannot calls {@code enqueue} while it holds the schedule, which it may
	 * only do when no other node can fire it meanwhile.
	 * @param name the schedule's name
	 * @param dueAt the due time fired
	 * @param record the firing's task, in status {@code new}, due now, with a uuid
	 * derived from the schedule's name and the due time
	 * @param enqueue stores and queues {@code record} through the engine's steps;
	 * {@code false} when a task with its uuid exists
	 * @return what happened
	 */
	ScheduleFiring fire(String name, Instant dueAt, Task record, BooleanSupplier enqueue);

}
