package io.qtasks.definition;

import java.lang.reflect.Method;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import org.springframework.retry.RetryPolicy;

import io.qtasks.GenerateHandler;
import io.qtasks.TaskDecoder;
import io.qtasks.engine.spi.TaskLimits;
import io.qtasks.middleware.TaskMiddleware;

/**
 * A task that workers can run: a bean method and its resolved {@code @QTask} settings
 * (defaults already applied).
 *
 * @param name the task name
 * @param description a human-readable description, possibly empty
 * @param tags the tags
 * @param priority the priority of its runs; lower runs first
 * @param retry how many retries a failed run gets
 * @param retryOn the exception types that lead to a retry; empty means any
 * @param backoff the pause between attempts
 * @param retryPolicy the user's policy that replaces {@code retry} and {@code retryOn},
 * or {@code null}
 * @param async whether the worker slot is free while the value of an async method is
 * pending
 * @param echo whether the method receives a {@link io.qtasks.TaskSelf}
 * @param decoder turns the return value into the stored result
 * @param generateHandler applied to each element of a generator's output, or {@code null}
 * @param executor the name of the {@code Executor} bean to run on, empty for the worker
 * pool
 * @param middlewaresBefore per-task middlewares for the before-phase
 * @param middlewaresAfter per-task middlewares for the after-phase
 * @param timeout the longest a run may take, or {@code null} for no limit
 * @param extra free {@code key=value} entries
 * @param bean the bean to invoke the method on (a proxy where the bean is proxied)
 * @param method the method to invoke on {@code bean}
 * @param parameters how each parameter of the method is filled
 * @param queue the named queue its runs wait in
 * @param limits its cluster-wide cap and rate
 * @param schedule when the task recurs ({@code cron} or {@code fixedRate}) and with which
 * arguments, or {@code null} for a task that runs only when enqueued
 * @author QTasks contributors
 */
public record TaskDefinition(String name, String description, List<String> tags, int priority, int retry,
		List<Class<? extends Throwable>> retryOn, TaskBackoff backoff, @Nullable RetryPolicy retryPolicy, boolean async,
		boolean echo, TaskDecoder decoder, @Nullable GenerateHandler generateHandler, String executor,
		List<TaskMiddleware> middlewaresBefore, List<TaskMiddleware> middlewaresAfter, @Nullable Duration timeout,
		Map<String, String> extra, Object bean, Method method, List<TaskParameter> parameters, String queue,
		TaskLimits limits, @Nullable ScheduleSpec schedule) {

	/**
	 * Takes unmodifiable copies of the collections.
	 */
	public TaskDefinition {
		tags = List.copyOf(tags);
		retryOn = List.copyOf(retryOn);
		middlewaresBefore = List.copyOf(middlewaresBefore);
		middlewaresAfter = List.copyOf(middlewaresAfter);
		extra = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(extra));
		parameters = List.copyOf(parameters);
	}

	/**
	 * The parameters bound from JSON args and kwargs, in order.
	 * @return the value parameters
	 */
	public List<TaskParameter> valueParameters() {
		return this.parameters.stream().filter((parameter) -> parameter.kind() == TaskParameter.Kind.VALUE).toList();
	}

	/**
	 * The method in a readable form, for messages.
	 * @return for example {@code com.acme.Reports.build(ReportRequest)}
	 */
	public String methodDescription() {
		return TaskMethods.describe(this.method);
	}

	@Override
	public String toString() {
		return "TaskDefinition(name=" + this.name + ", method=" + methodDescription() + ")";
	}

}
