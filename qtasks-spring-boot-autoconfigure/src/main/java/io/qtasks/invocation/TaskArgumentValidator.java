package io.qtasks.invocation;

import org.jspecify.annotations.Nullable;

import io.qtasks.definition.TaskDefinition;

/**
 * Checks the bound arguments of a task before its method is called.
 *
 * @author QTasks contributors
 * @see BeanValidationArgumentValidator
 */
@FunctionalInterface
public interface TaskArgumentValidator {

	/**
	 * Accepts every argument.
	 */
	TaskArgumentValidator NONE = (definition, arguments) -> {
	};

	/**
	 * Checks the arguments.
	 * @param definition the task
	 * @param arguments the arguments in parameter order, as the method will receive them
	 * @throws TaskArgumentException naming the invalid parameter and why
	 */
	void validate(TaskDefinition definition, @Nullable Object[] arguments);

}
