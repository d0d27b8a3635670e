package io.qtasks.engine;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.qtasks.Task;

/**
 * The {@link TaskRecordListener}s of an engine, told of each change in order for each
 * task. A worker of this node may claim a task the moment its enqueue is stored, before
 * the enqueueing thread has told the listeners; the worker's changes then wait until the
 * enqueue has been heard (a bounded wait, so that a listener that blocks cannot stop the
 * worker for good).
 *
 * @author QTasks contributors
 */
final class RecordListeners {

	private static final Logger logger = LoggerFactory.getLogger(TaskRecordListener.class);

	private static final Duration ENQUEUE_WAIT = Duration.ofSeconds(10);

	private final List<TaskRecordListener> listeners = new CopyOnWriteArrayList<>();

	private final Map<UUID, CountDownLatch> enqueueing = new ConcurrentHashMap<>();

	void add(TaskRecordListener listener) {
		this.listeners.add(listener);
	}

	/**
	 * Runs an enqueue and tells the listeners when it stored the task.
	 * @param record the new record
	 * @param store stores it; {@code false} when it was not stored
	 * @return what the store answered
	 */
	boolean enqueue(Task record, BooleanSupplier store) {
		if (this.listeners.isEmpty()) {
			return store.getAsBoolean();
		}
		CountDownLatch heard = new CountDownLatch(1);
		this.enqueueing.put(record.uuid(), heard);
		try {
			boolean stored = store.getAsBoolean();
			if (stored) {
				tell(null, record);
			}
			return stored;
		}
		finally {
			this.enqueueing.remove(record.uuid(), heard);
			heard.countDown();
		}
	}

	/**
	 * Runs a batch enqueue and tells the listeners of each task it stored, in order.
	 * @param records the new records
	 * @param store stores them; for each, in order, whether it was stored
	 * @return what the store answered
	 */
	List<Boolean> enqueueAll(List<Task> records, Supplier<List<Boolean>> store) {
		if (this.listeners.isEmpty()) {
			return store.get();
		}
		Map<UUID, CountDownLatch> heard = new LinkedHashMap<>();
		for (Task record : records) {
			CountDownLatch latch = new CountDownLatch(1);
			heard.put(record.uuid(), latch);
			this.enqueueing.put(record.uuid(), latch);
		}
		try {
			List<Boolean> stored = store.get();
			for (int i = 0; i < records.size(); i++) {
				if (stored.get(i)) {
					tell(null, records.get(i));
				}
			}
			return stored;
		}
		finally {
			heard.forEach((uuid, latch) -> {
				this.enqueueing.remove(uuid, latch);
				latch.countDown();
			});
		}
	}

	/**
	 * Tells the listeners of a stored change.
	 * @param previous the record before it, or {@code null} when unknown
	 * @param record the record as stored
	 */
	void recorded(@Nullable Task previous, Task record) {
		if (this.listeners.isEmpty()) {
			return;
		}
		CountDownLatch enqueue = this.enqueueing.get(record.uuid());
		if (enqueue != null) {
			awaitQuietly(enqueue);
		}
		tell(previous, record);
	}

	private void tell(@Nullable Task previous, Task record) {
		for (TaskRecordListener listener : this.listeners) {
			try {
				listener.recorded(previous, record);
			}
			catch (RuntimeException ex) {
				logger.warn("A listener of task {} ({}) failed on its {} record; the task goes on as stored",
						record.uuid(), LogSafe.text(record.taskName()), record.status().value(), ex);
			}
		}
	}

	private static void awaitQuietly(CountDownLatch latch) {
		boolean interrupted = false;
		try {
			while (true) {
				try {
					latch.await(ENQUEUE_WAIT.toMillis(), TimeUnit.MILLISECONDS);
					return;
				}
				catch (InterruptedException ex) {
					interrupted = true;
				}
			}
		}
		finally {
			if (interrupted) {
				Thread.currentThread().interrupt();
			}
		}
	}

}
