package io.qtasks.schedule;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

import io.qtasks.Misfire;
import io.qtasks.TaskSchedule;
import io.qtasks.definition.ScheduleSpec;
import io.qtasks.engine.spi.StoredSchedule;

/**
 * A schedule as this node knows it: its definition (declared in code here, or stored by
 * whoever added it) with its stored state, and what is due when.
 *
 * @param name the schedule's name
 * @param taskName the task each firing enqueues
 * @param spec when, and with which arguments
 * @param priority the priority of each firing, or {@code null} for the task's own
 * @param declared whether it is declared in code
 * @param stored its stored state, or {@code null} while none is stored (a declared
 * schedule no worker node has started yet)
 * @author QTasks contributors
 */
record ActiveSchedule(String name, String taskName, ScheduleSpec spec, @Nullable Integer priority, boolean declared,
		@Nullable StoredSchedule stored) {

	/**
	 * How many due times of a cron expression a catch-up walks through at most (a day of
	 * a schedule that fires every second).
	 */
	private static final int MAX_CATCH_UP_STEPS = 86_400;

	/**
	 * What is due at an instant: the due time to fire now, if any, and the next due time
	 * after it.
	 * @param now the current time
	 * @param misfireThreshold how late a due time may still fire under
	 * {@link Misfire#SKIP}
	 * @return the plan
	 */
	Plan plan(Instant now, Duration misfireThreshold) {
		if (this.stored == null) {
			return new Plan(null, this.spec.nextAfter(now, now));
		}
		if (this.stored.paused()) {
			return Plan.NOTHING;
		}
		Instant anchor = this.stored.createdAt();
		Instant first = this.spec.nextAfter(base(this.stored), anchor);
		if (first == null || first.isAfter(now)) {
			return new Plan(null, first);
		}
		Instant latest = this.spec.latestAtOrBefore(first, now, anchor, MAX_CATCH_UP_STEPS);
		Instant next = this.spec.nextAfter(latest, anchor);
		if (this.spec.misfire() == Misfire.SKIP && Duration.between(latest, now).compareTo(misfireThreshold) > 0) {
			return new Plan(null, next);
		}
		return new Plan(latest, next);
	}

	/**
	 * This schedule once a due time was fired (by this node or another one).
	 * @param dueAt the due time
	 * @param uuid the firing's task
	 * @return the schedule
	 */
	ActiveSchedule fired(Instant dueAt, UUID uuid) {
		StoredSchedule state = this.stored;
		if (state == null || (state.lastDueAt() != null && !state.lastDueAt().isBefore(dueAt))) {
			return this;
		}
		return withStored(new StoredSchedule(state.name(), state.definition(), state.createdAt(), state.paused(),
				state.resumedAt(), dueAt, uuid));
	}

	ActiveSchedule withStored(@Nullable StoredSchedule state) {
		return new ActiveSchedule(this.name, this.taskName, this.spec, this.priority, this.declared, state);
	}

	/**
	 * The schedule as the client shows it.
	 * @param now the current time
	 * @param misfireThreshold how late a due time may still fire under
	 * {@link Misfire#SKIP}
	 * @return the view
	 */
	TaskSchedule view(Instant now, Duration misfireThreshold) {
		Plan plan = plan(now, misfireThreshold);
		StoredSchedule state = this.stored;
		return new TaskSchedule(this.name, this.taskName, this.spec.cron(),
				(this.spec.zone() != null) ? this.spec.zone().getId() : null, this.spec.fixedRate(), this.spec.args(),
				this.spec.kwargs(), this.priority, this.spec.misfire(), this.declared, state != null && state.paused(),
				(plan.fire() != null) ? plan.fire() : plan.next(), (state != null) ? state.lastDueAt() : null,
				(state != null) ? state.lastTaskUuid() : null);
	}

	/**
	 * The instant after which the schedule's due times are not yet fired: its last
	 * firing, else its creation or its last resume (a due time at that very instant
	 * counts), whichever is later.
	 */
	private static Instant base(StoredSchedule state) {
		Instant since = (state.resumedAt() != null && state.resumedAt().isAfter(state.createdAt())) ? state.resumedAt()
				: state.createdAt();
		return (state.lastDueAt() != null && !state.lastDueAt().isBefore(since)) ? state.lastDueAt()
				: since.minusMillis(1);
	}

	/**
	 * What is due.
	 *
	 * @param fire the due time to fire now, or {@code null}
	 * @param next the due time after it, or {@code null} when there is none
	 */
	record Plan(@Nullable Instant fire, @Nullable Instant next) {

		static final Plan NOTHING = new Plan(null, null);

	}

}
