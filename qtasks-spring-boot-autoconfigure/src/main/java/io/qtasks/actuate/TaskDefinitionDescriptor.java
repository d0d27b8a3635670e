package io.qtasks.actuate;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

import org.springframework.util.StringUtils;

import io.qtasks.definition.TaskDefinition;

/**
 * A task definition, as {@code @QTask} and the defaults made it, as
 * {@link QTasksEndpoint} shows it.
 *
 * @param name the task name
 * @param description the description, possibly empty
 * @param tags the tags
 * @param priority the priority of its runs
 * @param retry how many retries a failed run gets
 * @param retryOn the exception types that are retried; empty for any
 * @param timeout the longest a run may take (ISO-8601), or {@code null} for no limit
 * @param executor the {@code Executor} bean it runs on, or {@code null} for the worker
 * pool
 * @param method the bean method
 * @param flow its queue, cap, rate, and how many of its runs are claimed and due
 * @author QTasks contributors
 */
public record TaskDefinitionDescriptor(String name, String description, List<String> tags, int priority, int retry,
		List<String> retryOn, @Nullable String timeout, @Nullable String executor, String method,
		FlowDescriptors.FlowDescriptor flow) {

	static TaskDefinitionDescriptor of(TaskDefinition definition, FlowDescriptors.FlowDescriptor flow) {
		Duration timeout = definition.timeout();
		return new TaskDefinitionDescriptor(definition.name(), Objects.toString(definition.description(), ""),
				definition.tags(), definition.priority(), definition.retry(),
				definition.retryOn().stream().map(Class::getName).toList(),
				(timeout != null) ? timeout.toString() : null,
				StringUtils.hasLength(definition.executor()) ? definition.executor() : null,
				definition.methodDescription(), flow);
	}

}
