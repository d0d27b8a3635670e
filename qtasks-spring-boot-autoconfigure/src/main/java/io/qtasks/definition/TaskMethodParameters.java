package io.qtasks.definition;

import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;

import org.springframework.core.DefaultParameterNameDiscoverer;
import org.springframework.core.ParameterNameDiscoverer;

import io.qtasks.TaskContext;
import io.qtasks.TaskSelf;
import io.qtasks.json.TaskJsonMapper;

/**
 * Reads the parameters of a {@code @QTask} method: the values bound by name from the
 * task's arguments, and the {@link TaskSelf} and {@link TaskContext} passed by the
 * worker. Refuses a parameter whose JSON would name the Java class to create.
 *
 * @author QTasks contributors
 */
final class TaskMethodParameters {

	private final TaskJsonMapper json;

	private final ParameterNameDiscoverer parameterNames = new DefaultParameterNameDiscoverer();

	TaskMethodParameters(TaskJsonMapper json) {
		this.json = json;
	}

	List<TaskParameter> parameters(Method method, boolean echo, String where) {
		String[] names = this.parameterNames.getParameterNames(method);
		List<TaskParameter> parameters = new ArrayList<>();
		boolean hasSelf = false;
		for (int i = 0; i < method.getParameterCount(); i++) {
			Class<?> type = method.getParameterTypes()[i];
			String name = (names != null) ? names[i] : null;
			if (type == TaskSelf.class) {
				if (!echo) {
					throw new TaskDefinitionException(
							where + " declares a TaskSelf parameter, which is only passed with echo = true");
				}
				if (hasSelf) {
					throw new TaskDefinitionException(where + " declares more than one TaskSelf parameter");
				}
				hasSelf = true;
				parameters.add(new TaskParameter(i, (name != null) ? name : "self", type, TaskParameter.Kind.SELF));
			}
			else if (type == TaskContext.class) {
				parameters.add(new TaskParameter(i, (name != null) ? name : "ctx", type, TaskParameter.Kind.CONTEXT));
			}
			else {
				if (name == null) {
					throw new TaskDefinitionException(where + " has no parameter names at run time; compile with"
							+ " -parameters so arguments can be bound by name");
				}
				TaskParameter parameter = new TaskParameter(i, name, method.getGenericParameterTypes()[i],
						TaskParameter.Kind.VALUE);
				refuseClassNameTyping(parameter, where);
				parameters.add(parameter);
			}
		}
		if (echo && !hasSelf) {
			throw new TaskDefinitionException(
					where + " sets echo = true but declares no parameter of type io.qtasks.TaskSelf");
		}
		return parameters;
	}

	private void refuseClassNameTyping(TaskParameter parameter, String where) {
		this.json.findClassNameTyping(parameter.type()).ifPresent((place) -> {
			throw new TaskDefinitionException(where + ": parameter '" + parameter.describe() + "' has a type whose JSON"
					+ " names the Java class to create (" + place + "), so a task's payload could pick any class on"
					+ " the class path to instantiate. Use logical type names instead: @JsonTypeInfo(use = Id.NAME)"
					+ " with @JsonSubTypes");
		});
	}

}
