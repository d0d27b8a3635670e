package io.qtasks.invocation;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.jspecify.annotations.Nullable;

import io.qtasks.TaskContext;
import io.qtasks.TaskSelf;
import io.qtasks.definition.TaskDefinition;
import io.qtasks.definition.TaskParameter;
import io.qtasks.json.JsonConversionException;
import io.qtasks.json.TaskJsonMapper;

/**
 * Binds a task's JSON args and kwargs to its method's parameters: positional arguments
 * first, then named ones by parameter name, each converted to the parameter's type by
 * Jackson. {@link TaskSelf} and {@link TaskContext} parameters are injected. The bound
 * values then pass the {@link TaskArgumentValidator}. Java serialization is never used.
 *
 * @author QTasks contributors
 */
public class TaskArgumentBinder {

	private final TaskJsonMapper json;

	private final TaskArgumentValidator validator;

	/**
	 * Creates a binder that does not validate the bound values.
	 * @param json the converter of JSON values to parameter types
	 */
	public TaskArgumentBinder(TaskJsonMapper json) {
		this(json, TaskArgumentValidator.NONE);
	}

	/**
	 * Creates a binder.
	 * @param json the converter of JSON values to parameter types
	 * @param validator checks the bound values
	 */
	public TaskArgumentBinder(TaskJsonMapper json, TaskArgumentValidator validator) {
		this.json = json;
		this.validator = validator;
	}

	/**
	 * Builds the method's argument array.
	 * @param definition the task
	 * @param args positional JSON values
	 * @param kwargs named JSON values
	 * @param self the task itself, for a {@code TaskSelf} parameter
	 * @param context the run's context, for a {@code TaskContext} parameter
	 * @return the arguments in parameter order
	 * @throws TaskArgumentException when the values do not fit the parameters or are
	 * invalid
	 */
	public @Nullable Object[] bind(TaskDefinition definition, List<Object> args, Map<String, Object> kwargs,
			@Nullable TaskSelf self, TaskContext context) {
		List<TaskParameter> values = definition.valueParameters();
		if (args.size() > values.size()) {
			throw new TaskArgumentException("Task '" + definition.name() + "' takes " + values.size() + " argument(s) "
					+ describe(values) + " but was given " + args.size() + " positional");
		}
		// check the shape of the call (names, arity) before converting any value
		Map<TaskParameter, Object> named = new LinkedHashMap<>();
		for (Map.Entry<String, Object> kwarg : kwargs.entrySet()) {
			TaskParameter parameter = values.stream()
				.filter((candidate) -> candidate.name().equals(kwarg.getKey()))
				.findFirst()
				.orElseThrow(() -> new TaskArgumentException("Task '" + definition.name() + "' has no parameter named '"
						+ kwarg.getKey() + "'; its parameters are " + describe(values)));
			if (values.indexOf(parameter) < args.size()) {
				throw new TaskArgumentException("Task '" + definition.name() + "' got two values for parameter '"
						+ parameter.describe() + "' (positional and named)");
			}
			named.put(parameter, kwarg.getValue());
		}
		for (TaskParameter parameter : values.subList(args.size(), values.size())) {
			if (!named.containsKey(parameter)) {
				throw new TaskArgumentException("Task '" + definition.name() + "' is missing a value for parameter '"
						+ parameter.describe() + "'");
			}
		}
		@Nullable Object[] bound = new Object[definition.method().getParameterCount()];
		for (TaskParameter parameter : definition.parameters()) {
			if (parameter.kind() == TaskParameter.Kind.SELF) {
				bound[parameter.index()] = self;
			}
			else if (parameter.kind() == TaskParameter.Kind.CONTEXT) {
				bound[parameter.index()] = context;
			}
		}
		for (int i = 0; i < args.size(); i++) {
			TaskParameter parameter = values.get(i);
			bound[parameter.index()] = convert(definition, parameter, args.get(i));
		}
		named.forEach((parameter, value) -> bound[parameter.index()] = convert(definition, parameter, value));
		this.validator.validate(definition, bound);
		return bound;
	}

	private @Nullable Object convert(TaskDefinition definition, TaskParameter parameter, @Nullable Object value) {
		boolean primitive = parameter.type() instanceof Class<?> type && type.isPrimitive();
		if (value == null && primitive) {
			throw new TaskArgumentException(
					"Task '" + definition.name() + "': parameter '" + parameter.describe() + "' cannot be null");
		}
		try {
			return this.json.fromJsonValue(value, parameter.type());
		}
		catch (JsonConversionException ex) {
			throw new TaskArgumentException("Task '" + definition.name() + "': parameter '" + parameter.describe()
					+ "' cannot take the value " + abbreviate(value) + ": " + ex.getMessage(), ex);
		}
	}

	private static String describe(List<TaskParameter> parameters) {
		return parameters.stream().map(TaskParameter::describe).collect(Collectors.joining(", ", "(", ")"));
	}

	private static String abbreviate(@Nullable Object value) {
		String text = String.valueOf(value);
		return (text.length() > 200) ? text.substring(0, 200) + "…" : text;
	}

}
