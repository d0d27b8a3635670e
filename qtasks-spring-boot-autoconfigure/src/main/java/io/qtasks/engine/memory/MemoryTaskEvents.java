package io.qtasks.engine.memory;

import java.util.UUID;

import org.jspecify.annotations.Nullable;

import io.qtasks.Task;
import io.qtasks.engine.TaskEventsSupport;

/**
 * Events inside this JVM: what {@link MemoryTaskRecordStore} announces goes straight to
 * the waiters and listeners.
 *
 * @author QTasks contributors
 */
public class MemoryTaskEvents extends TaskEventsSupport {

	void announceFinished(Task record) {
		finished(record);
	}

	void announceCancelRequest(UUID uuid, @Nullable String token, String reason) {
		cancelRequested(uuid, token, reason);
	}

}
