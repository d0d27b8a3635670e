package io.qtasks.schedule;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.qtasks.Task;
import io.qtasks.client.ClientSettings;
import io.qtasks.definition.TaskDefinition;
import io.qtasks.definition.TaskDefinitionRegistry;
import io.qtasks.engine.LogSafe;
import io.qtasks.engine.TaskEngine;
import io.qtasks.engine.TaskExtras;
import io.qtasks.engine.spi.ClaimRequest;
import io.qtasks.engine.spi.QueueEntry;
import io.qtasks.engine.spi.ScheduleFiring;
import io.qtasks.engine.spi.StoredSchedule;
import io.qtasks.engine.spi.TaskScheduleStore;
import io.qtasks.json.TaskJsonMapper;

/**
 * Fires the due schedules of the application from one node: declares this node's
 * {@code @QTask} schedules in the store, reads the stored schedules every refresh
 * interval, and fires each due time through
 * {@link io.qtasks.engine.EngineSchedules#fire}, which queues it once per application
 * however many nodes fire it. Between refreshes it keeps what it read and what it fired,
 * and looks again when the next due time comes. Not thread-safe: one thread calls
 * {@link #fireDue()}.
 *
 * @author QTasks contributors
 */
public class ScheduleFirer {

	private static final Logger logger = LoggerFactory.getLogger(ScheduleFirer.class);

	private static final Duration SHORTEST_WAIT = Duration.ofMillis(1);

	private final TaskEngine engine;

	private final ScheduleCatalog catalog;

	private final TaskDefinitionRegistry registry;

	private final ClientSettings defaults;

	private final ScheduleSettings settings;

	private final Clock clock;

	private Map<String, ActiveSchedule> schedules = Map.of();

	private @Nullable Instant nextRefresh;

	/**
	 * Creates a firer.
	 * @param engine where schedules are stored and fired
	 * @param registry the tasks this node knows (its declared schedules, and the priority
	 * and retries of their firings)
	 * @param json reads the definitions of schedules added at run time
	 * @param defaults the priority and retries of tasks this node does not know
	 * @param settings the misfire threshold and the refresh interval
	 * @param clock tells when schedules are due
	 */
	public ScheduleFirer(TaskEngine engine, TaskDefinitionRegistry registry, TaskJsonMapper json,
			ClientSettings defaults, ScheduleSettings settings, Clock clock) {
		this.engine = engine;
		this.registry = registry;
		this.catalog = new ScheduleCatalog(registry, json);
		this.defaults = defaults;
		this.settings = settings;
		this.clock = clock;
		if (engine.isShared() && !engine.schedules().store().type().equals(engine.type())) {
			logger.warn("The {} engine keeps no schedules of its own; they are kept in this node's {} store: schedules"
					+ " added at run time stay on the node that added them, and each node fires the @QTask schedules"
					+ " itself, a due time queued once by the uuid of its firing while that task's record is kept",
					engine.type(), engine.schedules().store().type());
		}
	}

	/**
	 * Starts afresh: the stored schedules are read at the next {@link #fireDue()}.
	 */
	public void reset() {
		this.schedules = Map.of();
		this.nextRefresh = null;
	}

	/**
	 * Fires what is due now, reading the stored schedules first when the refresh interval
	 * has passed.
	 * @return how long until the next look: the next due time, or the next refresh
	 */
	public Duration fireDue() {
		Instant now = this.clock.instant();
		if (this.nextRefresh == null || !now.isBefore(this.nextRefresh)) {
			refresh(now);
			this.nextRefresh = now.plus(this.settings.refreshInterval());
		}
		Instant wake = this.nextRefresh;
		for (ActiveSchedule schedule : this.schedules.values()) {
			Instant next = fireIfDue(schedule, now);
			if (next != null && next.isBefore(wake)) {
				wake = next;
			}
		}
		Duration wait = Duration.between(this.clock.instant(), wake);
		return (wait.compareTo(SHORTEST_WAIT) < 0) ? SHORTEST_WAIT : wait;
	}

	/**
	 * Reads the stored schedules, and stores the state of the schedules this node
	 * declares that have none (at the first refresh, or once they were lost).
	 */
	private void refresh(Instant now) {
		TaskScheduleStore store = this.engine.schedules().store();
		Map<String, ActiveSchedule> known = this.catalog.resolve(store.list());
		for (TaskDefinition definition : this.catalog.declaringDefinitions()) {
			ActiveSchedule schedule = known.get(definition.name());
			if (schedule != null && schedule.declared() && schedule.stored() == null) {
				StoredSchedule state = store.declare(definition.name(), now.truncatedTo(ChronoUnit.MILLIS));
				if (state.isDeclared()) {
					known.put(definition.name(), schedule.withStored(state));
				}
				else {
					logger.warn("The schedule of @QTask '{}' is not fired: a schedule added at run time has its"
							+ " name, and that one fires instead", LogSafe.text(definition.name()));
					ActiveSchedule runtime = this.catalog.resolve(state);
					if (runtime != null) {
						known.put(definition.name(), runtime);
					}
					else {
						known.remove(definition.name());
					}
				}
			}
		}
		this.schedules = known;
	}

	/**
	 * Fires a schedule when a due time has come.
	 * @return the next due time to look at, or {@code null}
	 */
	private @Nullable Instant fireIfDue(ActiveSchedule schedule, Instant now) {
		if (schedule.stored() == null) {
			return null;
		}
		ActiveSchedule.Plan plan = schedule.plan(now, this.settings.misfireThreshold());
		if (plan.fire() == null) {
			return plan.next();
		}
		Instant dueAt = plan.fire();
		Task record = firing(schedule, dueAt, now);
		ScheduleFiring firing = this.engine.schedules().fire(schedule.name(), dueAt, record);
		switch (firing) {
			case FIRED, ALREADY_FIRED -> this.schedules = with(schedule.fired(dueAt, record.uuid()));
			case PAUSED, NOT_FOUND -> {
				// changed on another node: read again before the next firing
				this.nextRefresh = now;
				return now.plus(this.settings.refreshInterval());
			}
		}
		if (firing == ScheduleFiring.FIRED) {
			logger.debug("Schedule '{}' fired its due time {} as task {}", LogSafe.text(schedule.name()), dueAt,
					record.uuid());
		}
		return plan.next();
	}

	private Map<String, ActiveSchedule> with(ActiveSchedule schedule) {
		Map<String, ActiveSchedule> updated = new TreeMap<>(this.schedules);
		updated.put(schedule.name(), schedule);
		return updated;
	}

	/**
	 * The task of one firing: the schedule's arguments and priority (else the task's
	 * own), the task's queue, its uuid derived from the schedule and the due time, its
	 * due time in the record.
	 */
	private Task firing(ActiveSchedule schedule, Instant dueAt, Instant now) {
		Optional<TaskDefinition> definition = this.registry.find(schedule.taskName());
		UUID uuid = FiringIds.of(schedule.name(), dueAt);
		int priority = (schedule.priority() != null) ? schedule.priority()
				: definition.map(TaskDefinition::priority).orElse(this.defaults.defaultPriority());
		Task.Builder firing = Task.builder(uuid, schedule.taskName())
			.priority(priority)
			.retry(definition.map(TaskDefinition::retry).orElse(this.defaults.defaultRetry()))
			.args(schedule.spec().args())
			.kwargs(schedule.spec().kwargs())
			.createdAt(now)
			.updatedAt(now)
			.extra(TaskExtras.DUE_AT, dueAt.toString())
			.extra(TaskExtras.SCHEDULE, Map.of("name", schedule.name(), "dueAt", dueAt.toString()));
		String queue = definition.map(TaskDefinition::queue).orElse(ClaimRequest.DEFAULT_QUEUE);
		if (!ClaimRequest.DEFAULT_QUEUE.equals(queue)) {
			firing.extra(QueueEntry.QUEUE, queue);
		}
		return firing.build();
	}

}
