package io.qtasks.client;

import java.util.UUID;

/**
 * Thrown when the engine refuses a new task because a task with its uuid is already
 * stored.
 *
 * @author QTasks contributors
 */
final class DuplicateTaskException extends IllegalStateException {

	DuplicateTaskException(UUID uuid) {
		super("A task with uuid " + uuid + " already exists");
	}

}
