package io.qtasks.schedule;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.UUID;

/**
 * The uuid of a schedule's firing: derived from the schedule's name and the due time (a
 * name-based uuid), so that every node that fires the same due time makes the same task,
 * and the engine's idempotent enqueue stores it once.
 *
 * @author QTasks contributors
 */
public final class FiringIds {

	private FiringIds() {
	}

	/**
	 * The uuid of one firing.
	 * @param schedule the schedule's name
	 * @param dueAt the due time
	 * @return the uuid
	 */
	public static UUID of(String schedule, Instant dueAt) {
		return UUID.nameUUIDFromBytes(
				("qtasks-schedule:" + dueAt.toEpochMilli() + ":" + schedule).getBytes(StandardCharsets.UTF_8));
	}

}
