package io.qtasks.engine.spi;

import java.time.Instant;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

/**
 * A schedule as a {@link TaskScheduleStore} holds it: what it is (for a schedule added at
 * run time) and where its firings stand.
 *
 * @param name the schedule's name, unique in the application
 * @param definition what to run and when, as the JSON text QTasks wrote, for a schedule
 * added at run time; {@code null} for a schedule declared in code ({@code @QTask}), whose
 * definition each node has
 * @param createdAt when the schedule was first stored; fixed-rate schedules count their
 * due times from it
 * @param paused whether it fires
 * @param resumedAt when it was last resumed: due times up to then are not fired; or
 * {@code null}
 * @param lastDueAt the due time of its last firing, or {@code null} before the first
 * @param lastTaskUuid the uuid of the task of its last firing, or {@code null}
 * @author QTasks contributors
 */
public record StoredSchedule(String name, @Nullable String definition, Instant createdAt, boolean paused,
		@Nullable Instant resumedAt, @Nullable Instant lastDueAt, @Nullable UUID lastTaskUuid) {

	/**
	 * Whether the schedule is declared in code rather than added at run time.
	 * @return {@code true} when it has no stored definition
	 */
	public boolean isDeclared() {
		return this.definition == null;
	}

}
