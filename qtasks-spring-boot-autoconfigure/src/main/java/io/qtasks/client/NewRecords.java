package io.qtasks.client;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

import org.springframework.util.unit.DataSize;

import io.qtasks.Task;
import io.qtasks.definition.TaskDefinition;
import io.qtasks.definition.TaskDefinitionRegistry;
import io.qtasks.engine.TaskExtras;
import io.qtasks.engine.spi.ClaimRequest;
import io.qtasks.engine.spi.QueueEntry;
import io.qtasks.engine.spi.UniqueKey;
import io.qtasks.json.TaskJsonMapper;
import io.qtasks.json.TaskJsonMapper.JsonArguments;

/**
 * Builds the new record of a request: its arguments as JSON (within the payload limit),
 * its priority and retries from the task's definition when this node knows it, its queue
 * (the request's, else the definition's) and limit key, and its due time and unique key
 * when it has them.
 *
 * @author QTasks contributors
 */
final class NewRecords {

	private final TaskDefinitionRegistry registry;

	private final TaskJsonMapper json;

	private final ClientSettings settings;

	NewRecords(TaskDefinitionRegistry registry, TaskJsonMapper json, ClientSettings settings) {
		this.registry = registry;
		this.json = json;
		this.settings = settings;
	}

	/**
	 * The new record of a request, under the request's uuid or a new one.
	 * @param request the request
	 * @param now the enqueue's time
	 * @return the record, in status {@code new}
	 * @throws TaskPayloadTooLargeException when the arguments exceed the payload limit
	 */
	Task of(DefaultTaskRequest request, Instant now) {
		return of(request, now, null, null);
	}

	/**
	 * The new record of a request that may wait or take a unique key: its due time in
	 * {@code extra.dueAt}, its key in {@code extra.uniqueKey} and
	 * {@code extra.uniqueFor}.
	 * @param request the request
	 * @param now the enqueue's time
	 * @param dueAt when it may run, or {@code null} for now
	 * @param key the unique key it takes, or {@code null}
	 * @return the record, in status {@code new}
	 * @throws TaskPayloadTooLargeException when the arguments exceed the payload limit
	 */
	Task of(DefaultTaskRequest request, Instant now, @Nullable Instant dueAt, @Nullable UniqueKey key) {
		String taskName = request.taskName();
		UUID chosen = request.uuid();
		Optional<TaskDefinition> definition = this.registry.find(taskName);
		JsonArguments arguments = this.json.toJsonArguments(request.args(), request.kwargs());
		DataSize limit = this.settings.maxPayloadSize();
		if (limit != null && arguments.size() > limit.toBytes()) {
			throw new TaskPayloadTooLargeException("The arguments of task '" + taskName + "' take " + arguments.size()
					+ " bytes as JSON, more than qtasks.max-payload-size (" + limit.toBytes() + " bytes)");
		}
		Integer priority = request.priority();
		Task.Builder record = Task.builder((chosen != null) ? chosen : TaskIds.next(), taskName)
			.priority((priority != null) ? priority
					: definition.map(TaskDefinition::priority).orElse(this.settings.defaultPriority()))
			.retry(definition.map(TaskDefinition::retry).orElse(this.settings.defaultRetry()))
			.args(arguments.args())
			.kwargs(arguments.kwargs())
			.createdAt(now)
			.updatedAt(now)
			.extra(flowExtras(request, definition));
		if (dueAt != null) {
			record.extra(TaskExtras.DUE_AT, dueAt.toString());
		}
		if (key != null) {
			record.extra(TaskExtras.UNIQUE_KEY, key.key());
			if (!key.keepFor().isZero()) {
				record.extra(TaskExtras.UNIQUE_FOR, key.keepFor().toString());
			}
		}
		return record.build();
	}

	/**
	 * The unique key a request takes.
	 * @param request the request
	 * @return the key, or {@code null} when it takes none
	 * @throws IllegalArgumentException when it sets {@code uniqueFor} without a key
	 */
	static @Nullable UniqueKey uniqueKey(DefaultTaskRequest request) {
		String key = request.uniqueKey();
		Duration keepFor = request.uniqueFor();
		if (key == null) {
			if (keepFor != null) {
				throw new IllegalArgumentException("uniqueFor needs a uniqueKey: there is no key to keep");
			}
			return null;
		}
		return new UniqueKey(key, (keepFor != null) ? keepFor : Duration.ZERO);
	}

	/**
	 * The queue and limit key of a new task, where the engine routes and limits it; the
	 * default queue is not written.
	 */
	private static Map<String, Object> flowExtras(DefaultTaskRequest request, Optional<TaskDefinition> definition) {
		String queue = (request.queue() != null) ? request.queue()
				: definition.map(TaskDefinition::queue).orElse(ClaimRequest.DEFAULT_QUEUE);
		Map<String, Object> extras = new LinkedHashMap<>();
		if (!ClaimRequest.DEFAULT_QUEUE.equals(queue)) {
			extras.put(QueueEntry.QUEUE, queue);
		}
		if (request.limitKey() != null) {
			extras.put(QueueEntry.LIMIT_KEY, request.limitKey());
		}
		return extras;
	}

}
