package io.qtasks.schedule;

import java.util.Collection;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.qtasks.definition.TaskDefinition;
import io.qtasks.definition.TaskDefinitionRegistry;
import io.qtasks.engine.LogSafe;
import io.qtasks.engine.spi.StoredSchedule;
import io.qtasks.json.TaskJsonMapper;

/**
 * The schedules this node knows: those its task definitions declare, and those stored by
 * whoever added them at run time, each with its stored state. A stored definition that
 * cannot be read is skipped, with a warning once per text.
 *
 * @author QTasks contributors
 */
final class ScheduleCatalog {

	private static final Logger logger = LoggerFactory.getLogger(ScheduleCatalog.class);

	private final TaskDefinitionRegistry registry;

	private final TaskJsonMapper json;

	private final Map<String, RuntimeSchedule> read = new ConcurrentHashMap<>();

	private final Set<String> unreadable = ConcurrentHashMap.newKeySet();

	ScheduleCatalog(TaskDefinitionRegistry registry, TaskJsonMapper json) {
		this.registry = registry;
		this.json = json;
	}

	TaskJsonMapper json() {
		return this.json;
	}

	/**
	 * The definition of the task that declares a schedule of that name.
	 * @param name the schedule's name
	 * @return the definition, or {@code null} when no task of this node declares it
	 */
	@Nullable TaskDefinition declaring(String name) {
		return this.registry.find(name).filter((definition) -> definition.schedule() != null).orElse(null);
	}

	/**
	 * The definitions of the tasks of this node that declare a schedule.
	 * @return the definitions, by name
	 */
	Collection<TaskDefinition> declaringDefinitions() {
		return this.registry.getDefinitions().stream().filter((definition) -> definition.schedule() != null).toList();
	}

	/**
	 * The schedules this node knows, by name: the stored ones whose definition it can
	 * read (declared here or added at run time), and those declared here without a stored
	 * state yet. A name that is both declared here and added at run time is the one added
	 * at run time.
	 * @param stored the stored schedules
	 * @return the schedules
	 */
	Map<String, ActiveSchedule> resolve(Collection<StoredSchedule> stored) {
		Map<String, ActiveSchedule> schedules = new TreeMap<>();
		for (TaskDefinition definition : declaringDefinitions()) {
			schedules.put(definition.name(), declared(definition, null));
		}
		for (StoredSchedule state : stored) {
			ActiveSchedule schedule = resolve(state);
			if (schedule != null) {
				schedules.put(state.name(), schedule);
			}
		}
		return schedules;
	}

	/**
	 * One stored schedule as this node knows it.
	 * @param state the stored schedule
	 * @return the schedule, or {@code null} when it is declared by another node's code,
	 * or its stored definition cannot be read
	 */
	@Nullable ActiveSchedule resolve(StoredSchedule state) {
		if (state.isDeclared()) {
			TaskDefinition definition = declaring(state.name());
			return (definition != null) ? declared(definition, state) : null;
		}
		RuntimeSchedule runtime = read(state.definition());
		return (runtime != null)
				? new ActiveSchedule(state.name(), runtime.taskName(), runtime.spec(), runtime.priority(), false, state)
				: null;
	}

	private static ActiveSchedule declared(TaskDefinition definition, @Nullable StoredSchedule state) {
		return new ActiveSchedule(definition.name(), definition.name(), definition.schedule(), null, true, state);
	}

	private @Nullable RuntimeSchedule read(String text) {
		RuntimeSchedule known = this.read.get(text);
		if (known != null) {
			return known;
		}
		try {
			RuntimeSchedule runtime = RuntimeSchedule.read(text, this.json);
			if (this.read.size() > 10_000) {
				this.read.clear();
			}
			this.read.put(text, runtime);
			return runtime;
		}
		catch (RuntimeException ex) {
			if (this.unreadable.add(text)) {
				logger.warn("Skipping a stored schedule whose definition cannot be read ({}): {}",
						LogSafe.text(ex.getMessage()), LogSafe.text(text));
			}
			return null;
		}
	}

}
