package io.qtasks.invocation;

import java.lang.reflect.InvocationTargetException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Set;

import org.jspecify.annotations.Nullable;

import org.springframework.util.ClassUtils;
import org.springframework.util.unit.DataSize;

import io.qtasks.Task;
import io.qtasks.TaskContext;
import io.qtasks.TaskSelf;
import io.qtasks.definition.TaskDefinition;
import io.qtasks.json.JsonConversionException;
import io.qtasks.json.TaskJsonMapper;
import io.qtasks.json.TaskJsonMapper.JsonValue;
import io.qtasks.middleware.TaskInvocation;
import io.qtasks.middleware.TaskMiddleware;

/**
 * Runs one attempt of a task: middlewares before, argument binding, the method call,
 * generator collection, middlewares after, decode, and the conversion of the result to
 * the JSON value that is stored. A result whose JSON is larger than the settings'
 * {@code maxResultSize} is not stored: the attempt fails with a
 * {@link TaskResultTooLargeException}.
 * <p>
 * Before the call the global middlewares run, then the task's {@code middlewaresBefore};
 * after it the task's {@code middlewaresAfter}, then the global ones, each list in its
 * order. Every middleware instance runs at most once per phase: one named by the task
 * that is also a global bean runs in its global place only.
 *
 * @author QTasks contributors
 */
public class TaskInvoker {

	private static final Runnable NOTHING = () -> {
	};

	private final TaskArgumentBinder binder;

	private final TaskJsonMapper json;

	private final List<TaskMiddleware> globalMiddlewares;

	private final Set<TaskMiddleware> globalSet;

	private final InvocationSettings settings;

	/**
	 * Creates an invoker with the default settings.
	 * @param binder binds JSON arguments to parameters
	 * @param json converts the result to a JSON value
	 * @param globalMiddlewares the middlewares of every task, in order
	 */
	public TaskInvoker(TaskArgumentBinder binder, TaskJsonMapper json, List<TaskMiddleware> globalMiddlewares) {
		this(binder, json, globalMiddlewares, InvocationSettings.DEFAULTS);
	}

	/**
	 * Creates an invoker.
	 * @param binder binds JSON arguments to parameters
	 * @param json converts the result to a JSON value
	 * @param globalMiddlewares the middlewares of every task, in order
	 * @param settings the limit of results
	 */
	public TaskInvoker(TaskArgumentBinder binder, TaskJsonMapper json, List<TaskMiddleware> globalMiddlewares,
			InvocationSettings settings) {
		this.binder = binder;
		this.json = json;
		this.settings = settings;
		this.globalMiddlewares = List.copyOf(globalMiddlewares);
		Set<TaskMiddleware> identities = Collections.newSetFromMap(new IdentityHashMap<>());
		identities.addAll(this.globalMiddlewares);
		this.globalSet = Collections.unmodifiableSet(identities);
	}

	/**
	 * Runs one attempt.
	 * @param definition the task
	 * @param record the task's record (its args and kwargs)
	 * @param self the task itself, passed to a {@code TaskSelf} parameter
	 * @param context the run's context
	 * @param progress told about each element a generator task produces
	 * @param whilePending run before waiting for the pending value of an async method
	 * whose definition says {@code async = true}
	 * @return the result as a JSON value, ready to store
	 * @throws TaskResultException when the result cannot be written as JSON or is larger
	 * than the limit
	 * @throws Exception whatever the method or a middleware threw
	 */
	public @Nullable Object invoke(TaskDefinition definition, Task record, @Nullable TaskSelf self, TaskContext context,
			TaskProgress progress, Runnable whilePending) throws Exception {
		TaskInvocation invocation = new TaskInvocation(definition.name(), record.uuid(), new ArrayList<>(record.args()),
				new LinkedHashMap<>(record.kwargs()));
		for (TaskMiddleware middleware : this.globalMiddlewares) {
			middleware.before(invocation);
		}
		for (TaskMiddleware middleware : perTask(definition.middlewaresBefore())) {
			middleware.before(invocation);
		}
		@Nullable Object[] arguments = this.binder.bind(definition, invocation.args(), invocation.kwargs(), self, context);
		Object output = AsyncResults.await(call(definition, arguments), definition.async() ? whilePending : NOTHING);
		invocation.setResult(GeneratorResults.isGenerator(definition.method())
				? GeneratorResults.collect(output, definition.generateHandler(), progress) : output);
		for (TaskMiddleware middleware : perTask(definition.middlewaresAfter())) {
			middleware.after(invocation);
		}
		for (TaskMiddleware middleware : this.globalMiddlewares) {
			middleware.after(invocation);
		}
		Object decoded = definition.decoder().decode(invocation.getResult());
		JsonValue stored;
		try {
			stored = this.json.toMeasuredJsonValue(decoded);
		}
		catch (JsonConversionException ex) {
			String produced = (definition.decoder() instanceof JsonTaskDecoder) ? "returned a "
					: "returned a value that decode (" + ClassUtils.getUserClass(definition.decoder()).getName()
							+ ") turned into a ";
			throw new TaskResultException("Task '" + definition.name() + "' " + produced + decoded.getClass().getName()
					+ " that cannot be stored as JSON: " + ex.getMessage(), ex);
		}
		DataSize limit = this.settings.maxResultSize();
		if (limit != null && stored.size() > limit.toBytes()) {
			throw new TaskResultTooLargeException(
					"The result of task '" + definition.name() + "' takes " + stored.size()
							+ " bytes as JSON, more than qtasks.max-result-size (" + limit.toBytes() + " bytes)");
		}
		return stored.value();
	}

	/**
	 * Whether a task is a generator task: its method returns a {@code Stream},
	 * {@code Iterator}, {@code Iterable} or (with Reactor) a {@code Flux}, whose elements
	 * are collected into a list.
	 * @param definition the task
	 * @return the flag
	 */
	public static boolean isGenerator(TaskDefinition definition) {
		return GeneratorResults.isGenerator(definition.method());
	}

	private List<TaskMiddleware> perTask(List<TaskMiddleware> middlewares) {
		if (middlewares.isEmpty()) {
			return middlewares;
		}
		Set<TaskMiddleware> seen = Collections.newSetFromMap(new IdentityHashMap<>());
		seen.addAll(this.globalSet);
		return middlewares.stream().filter(seen::add).toList();
	}

	private @Nullable Object call(TaskDefinition definition, @Nullable Object[] arguments) throws Exception {
		try {
			return definition.method().invoke(definition.bean(), arguments);
		}
		catch (InvocationTargetException ex) {
			Throwable cause = ex.getCause();
			if (cause instanceof Exception exception) {
				throw exception;
			}
			if (cause instanceof Error error) {
				throw error;
			}
			throw ex;
		}
		catch (IllegalAccessException ex) {
			throw new IllegalStateException("Cannot call " + definition.methodDescription(), ex);
		}
	}

}
