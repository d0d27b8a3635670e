package io.qtasks.engine.memory;

import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;

import org.jspecify.annotations.Nullable;

import io.qtasks.Task;
import io.qtasks.engine.TaskWaiters;
import io.qtasks.engine.spi.CancelRequestListener;
import io.qtasks.engine.spi.TaskEvents;

/**
 * Events inside this JVM: what {@link MemoryTaskRecordStore} announces goes straight to
 * the waiters and listeners.
 *
 * @author QTasks contributors
 */
public class MemoryTaskEvents implements TaskEvents {

	private final TaskWaiters waiters = new TaskWaiters();

	private final List<CancelRequestListener> listeners = new CopyOnWriteArrayList<>();

	@Override
	public CompletableFuture<Task> whenFinished(UUID uuid) {
		return this.waiters.register(uuid);
	}

	@Override
	public void addCancelRequestListener(CancelRequestListener listener) {
		this.listeners.add(listener);
	}

	void finished(Task record) {
		this.waiters.finished(record);
	}

	void cancelRequested(UUID uuid, @Nullable String token, String reason) {
		this.listeners.forEach((listener) -> listener.cancelRequested(uuid, token, reason));
	}

}
