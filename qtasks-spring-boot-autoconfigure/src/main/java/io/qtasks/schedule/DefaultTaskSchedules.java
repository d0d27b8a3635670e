package io.qtasks.schedule;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import org.jspecify.annotations.Nullable;

import org.springframework.util.Assert;
import org.springframework.util.StringUtils;

import io.qtasks.Misfire;
import io.qtasks.ScheduleRequest;
import io.qtasks.TaskSchedule;
import io.qtasks.TaskSchedules;
import io.qtasks.definition.ScheduleSpec;
import io.qtasks.definition.TaskDefinitionRegistry;
import io.qtasks.engine.TaskEngine;
import io.qtasks.engine.spi.StoredSchedule;
import io.qtasks.engine.spi.TaskScheduleStore;
import io.qtasks.json.TaskJsonMapper;
import io.qtasks.json.TaskJsonMapper.JsonArguments;

/**
 * The {@link TaskSchedules} over an engine's {@link TaskScheduleStore}: schedules added
 * here are stored for every node, and the listing joins them with the schedules this
 * node's {@code @QTask} methods declare.
 *
 * @author QTasks contributors
 */
public class DefaultTaskSchedules implements TaskSchedules {

	private final TaskEngine engine;

	private final ScheduleCatalog catalog;

	private final ScheduleSettings settings;

	private final Clock clock;

	/**
	 * Creates the schedules.
	 * @param engine where schedules are stored
	 * @param registry the tasks this node knows (its declared schedules)
	 * @param json converts the arguments of schedules to JSON values
	 * @param settings the misfire threshold (for the next due times shown)
	 * @param clock tells when schedules are due
	 */
	public DefaultTaskSchedules(TaskEngine engine, TaskDefinitionRegistry registry, TaskJsonMapper json,
			ScheduleSettings settings, Clock clock) {
		this.engine = engine;
		this.catalog = new ScheduleCatalog(registry, json);
		this.settings = settings;
		this.clock = clock;
	}

	@Override
	public ScheduleRequest schedule(String name, String taskName) {
		Assert.hasLength(name, "name must not be empty");
		Assert.hasLength(taskName, "taskName must not be empty");
		return new Request(name, taskName);
	}

	@Override
	public List<TaskSchedule> list() {
		Instant now = this.clock.instant();
		List<StoredSchedule> stored = store().list();
		Map<String, TaskSchedule> views = new TreeMap<>();
		for (StoredSchedule state : stored) {
			views.put(state.name(), elsewhere(state));
		}
		this.catalog.resolve(stored)
			.forEach((name, schedule) -> views.put(name, schedule.view(now, this.settings.misfireThreshold())));
		return new ArrayList<>(views.values());
	}

	@Override
	public Optional<TaskSchedule> get(String name) {
		Optional<StoredSchedule> state = store().find(name);
		ActiveSchedule schedule = state.isPresent() ? this.catalog.resolve(state.get())
				: this.catalog.resolve(List.of()).get(name);
		if (schedule != null) {
			return Optional.of(schedule.view(this.clock.instant(), this.settings.misfireThreshold()));
		}
		return state.map(DefaultTaskSchedules::elsewhere);
	}

	@Override
	public boolean pause(String name) {
		return setPaused(name, true);
	}

	@Override
	public boolean resume(String name) {
		return setPaused(name, false);
	}

	@Override
	public boolean remove(String name) {
		Optional<StoredSchedule> state = store().find(name);
		if ((state.isPresent() && state.get().isDeclared())
				|| (state.isEmpty() && this.catalog.declaring(name) != null)) {
			throw new IllegalStateException("Schedule '" + name + "' is declared by @QTask in the application's"
					+ " code and cannot be removed; pause it instead");
		}
		return store().remove(name);
	}

	private boolean setPaused(String name, boolean paused) {
		Instant now = now();
		if (this.catalog.declaring(name) != null && store().find(name).isEmpty()) {
			store().declare(name, now);
		}
		return store().setPaused(name, paused, now);
	}

	private TaskScheduleStore store() {
		return this.engine.schedules().store();
	}

	private Instant now() {
		return this.clock.instant().truncatedTo(ChronoUnit.MILLIS);
	}

	/**
	 * A stored schedule declared by the code of other nodes: only its state is known
	 * here.
	 */
	private static TaskSchedule elsewhere(StoredSchedule state) {
		return new TaskSchedule(state.name(), state.name(), null, null, null, List.of(), Map.of(), null,
				Misfire.RUN_ONCE, state.isDeclared(), state.paused(), null, state.lastDueAt(), state.lastTaskUuid());
	}

	private TaskSchedule add(Request request) {
		if (this.catalog.declaring(request.name) != null) {
			throw new IllegalArgumentException("Cannot add schedule '" + request.name
					+ "': a @QTask of this application declares a schedule of that name");
		}
		JsonArguments arguments = this.catalog.json().toJsonArguments(request.args, request.kwargs);
		ScheduleSpec spec;
		if (request.cron != null && request.fixedRate != null) {
			throw new IllegalArgumentException(
					"Schedule '" + request.name + "' needs either a cron expression or a fixed rate, not both");
		}
		if (request.cron != null) {
			spec = ScheduleSpec.cron(request.cron, (request.zone != null) ? request.zone : ZoneId.systemDefault(),
					arguments.args(), arguments.kwargs(), request.misfire);
		}
		else if (request.fixedRate != null) {
			spec = ScheduleSpec.fixedRate(request.fixedRate, arguments.args(), arguments.kwargs(), request.misfire);
		}
		else {
			throw new IllegalArgumentException(
					"Schedule '" + request.name + "' needs a cron expression or a fixed rate");
		}
		String definition = new RuntimeSchedule(request.taskName, spec, request.priority).write(this.catalog.json());
		if (!store().define(request.name, definition, now())) {
			throw new IllegalArgumentException("Cannot add schedule '" + request.name
					+ "': a @QTask of this application declares a schedule of that name");
		}
		return get(request.name).orElseThrow(
				() -> new IllegalStateException("Schedule '" + request.name + "' was removed as it was added"));
	}

	/**
	 * A schedule being added.
	 */
	private final class Request implements ScheduleRequest {

		private final String name;

		private final String taskName;

		private @Nullable String cron;

		private @Nullable ZoneId zone;

		private @Nullable Duration fixedRate;

		private @Nullable Object[] args = new Object[0];

		private final Map<String, Object> kwargs = new LinkedHashMap<>();

		private @Nullable Integer priority;

		private Misfire misfire = Misfire.RUN_ONCE;

		Request(String name, String taskName) {
			this.name = name;
			this.taskName = taskName;
		}

		@Override
		public ScheduleRequest cron(String expression) {
			Assert.isTrue(StringUtils.hasText(expression), "a cron expression must not be empty");
			this.cron = expression;
			return this;
		}

		@Override
		public ScheduleRequest zone(ZoneId zone) {
			Assert.notNull(zone, "zone must not be null");
			this.zone = zone;
			return this;
		}

		@Override
		public ScheduleRequest fixedRate(Duration rate) {
			Assert.notNull(rate, "rate must not be null");
			this.fixedRate = rate;
			return this;
		}

		@Override
		public ScheduleRequest args(@Nullable Object @Nullable ... args) {
			this.args = (args != null) ? args.clone() : new Object[] { null };
			return this;
		}

		@Override
		public ScheduleRequest kwargs(Map<String, ?> kwargs) {
			this.kwargs.putAll(kwargs);
			return this;
		}

		@Override
		public ScheduleRequest priority(int priority) {
			this.priority = priority;
			return this;
		}

		@Override
		public ScheduleRequest misfire(Misfire misfire) {
			Assert.notNull(misfire, "misfire must not be null");
			this.misfire = misfire;
			return this;
		}

		@Override
		public TaskSchedule add() {
			return DefaultTaskSchedules.this.add(this);
		}

	}

}
