package io.qtasks.engine;

import java.time.Instant;
import java.util.function.Supplier;

import org.jspecify.annotations.Nullable;

import io.qtasks.Task;
import io.qtasks.engine.spi.ScheduleFiring;
import io.qtasks.engine.spi.TaskScheduleStore;
import io.qtasks.engine.spi.TaskSteps;

/**
 * The schedules of an engine: the {@link TaskScheduleStore} that keeps them, and their
 * firings, each stored and queued once per application and heard by the engine's record
 * listeners. Obtained from {@link TaskEngine#schedules()}.
 *
 * @author QTasks contributors
 */
public final class EngineSchedules {

	private final @Nullable TaskScheduleStore store;

	private final TaskSteps steps;

	private final RecordListeners listeners;

	private final Supplier<String> engineType;

	EngineSchedules(@Nullable TaskScheduleStore store, TaskSteps steps, RecordListeners listeners,
			Supplier<String> engineType) {
		this.store = store;
		this.steps = steps;
		this.listeners = listeners;
		this.engineType = engineType;
	}

	/**
	 * The store of the schedules.
	 * @return the store
	 * @throws IllegalStateException when the engine was made without schedules
	 */
	public TaskScheduleStore store() {
		if (this.store == null) {
			throw new IllegalStateException(
					"This " + this.engineType.get() + " engine was made without a schedule store");
		}
		return this.store;
	}

	/**
	 * Fires a schedule for one due time: its task is stored and queued once per
	 * application, however many nodes fire the same due time (see
	 * {@link TaskScheduleStore#fire}).
	 * @param schedule the schedule's name
	 * @param dueAt the due time
	 * @param record the firing's task, with a uuid derived from the schedule and the due
	 * time
	 * @return what happened
	 * @throws IllegalStateException when the engine was made without schedules
	 */
	public ScheduleFiring fire(String schedule, Instant dueAt, Task record) {
		ScheduleFiring[] firing = new ScheduleFiring[1];
		this.listeners.enqueue(record, () -> {
			firing[0] = store().fire(schedule, dueAt, record, () -> this.steps.enqueue(record, null));
			return firing[0] == ScheduleFiring.FIRED;
		});
		return firing[0];
	}

}
