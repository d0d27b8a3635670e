package io.qtasks.actuate;

import java.util.Arrays;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.actuate.endpoint.InvalidEndpointRequestException;
import org.springframework.util.StringUtils;

import io.qtasks.TaskStatus;
import io.qtasks.engine.spi.TaskQuery;

/**
 * Reads the arguments of {@link QTasksEndpoint}'s operations, refusing malformed ones
 * with an {@link InvalidEndpointRequestException} (a {@code 400} over HTTP).
 *
 * @author QTasks contributors
 */
final class EndpointArguments {

	private EndpointArguments() {
	}

	static TaskQuery query(@Nullable String status, @Nullable String task, @Nullable Integer limit) {
		int size = (limit != null) ? limit : QTasksEndpoint.DEFAULT_LIMIT;
		if (size < 1 || size > QTasksEndpoint.MAX_LIMIT) {
			String message = "limit must be between 1 and " + QTasksEndpoint.MAX_LIMIT + ", was " + size;
			throw new InvalidEndpointRequestException(message, message);
		}
		return new TaskQuery(status(status), StringUtils.hasText(task) ? task : null, size);
	}

	static @Nullable TaskStatus status(@Nullable String status) {
		if (!StringUtils.hasText(status)) {
			return null;
		}
		try {
			return TaskStatus.fromValue(status.trim());
		}
		catch (IllegalArgumentException ex) {
			String message = "Unknown status '" + status + "'; use one of "
					+ Arrays.stream(TaskStatus.values()).map(TaskStatus::value).toList();
			throw new InvalidEndpointRequestException(message, message);
		}
	}

	static UUID uuid(String uuid) {
		try {
			UUID parsed = UUID.fromString(uuid);
			if (parsed.toString().equalsIgnoreCase(uuid)) {
				return parsed;
			}
		}
		catch (IllegalArgumentException ex) {
			// answered below
		}
		String message = "'" + uuid + "' is not a task uuid";
		throw new InvalidEndpointRequestException(message, message);
	}

}
