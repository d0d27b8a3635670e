package io.qtasks.definition;

import java.util.Collection;
import java.util.Collections;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentSkipListMap;

/**
 * The task definitions this node knows, by name.
 *
 * @author QTasks contributors
 */
public class TaskDefinitionRegistry {

	private final Map<String, TaskDefinition> definitions = new ConcurrentSkipListMap<>();

	/**
	 * Adds a definition.
	 * @param definition the definition
	 * @throws TaskDefinitionException when another definition has the same name
	 */
	public void register(TaskDefinition definition) {
		TaskDefinition existing = this.definitions.putIfAbsent(definition.name(), definition);
		if (existing != null) {
			throw new TaskDefinitionException("Duplicate task name '" + definition.name() + "': declared by "
					+ existing.methodDescription() + " and by " + definition.methodDescription());
		}
	}

	/**
	 * Looks a definition up.
	 * @param name the task name
	 * @return the definition, or empty when this node has no task of that name
	 */
	public Optional<TaskDefinition> find(String name) {
		return Optional.ofNullable(this.definitions.get(name));
	}

	/**
	 * All definitions, ordered by name.
	 * @return the definitions
	 */
	public Collection<TaskDefinition> getDefinitions() {
		return Collections.unmodifiableCollection(this.definitions.values());
	}

	/**
	 * All task names, ordered.
	 * @return the names
	 */
	public Set<String> getNames() {
		return Collections.unmodifiableSet(this.definitions.keySet());
	}

}
