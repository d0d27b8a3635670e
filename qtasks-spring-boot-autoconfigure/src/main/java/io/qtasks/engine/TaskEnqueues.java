package io.qtasks.engine;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.function.Function;
import java.util.function.Supplier;

import org.jspecify.annotations.Nullable;

import io.qtasks.Task;
import io.qtasks.engine.spi.NewTask;
import io.qtasks.engine.spi.TaskSteps;
import io.qtasks.engine.spi.UniqueKey;
import io.qtasks.engine.spi.UniqueOutcome;

/**
 * Stores and queues new tasks for {@link TaskEngine}, one, one with a unique key, or a
 * batch, and tells the record listeners of each task stored; makes waiting tasks due.
 *
 * @author QTasks contributors
 */
final class TaskEnqueues {

	private final TaskSteps steps;

	private final RecordListeners listeners;

	private final Supplier<String> engineType;

	TaskEnqueues(TaskSteps steps, RecordListeners listeners, Supplier<String> engineType) {
		this.steps = steps;
		this.listeners = listeners;
		this.engineType = engineType;
	}

	boolean enqueue(Task record, @Nullable Instant dueAt) {
		return this.listeners.enqueue(record, () -> this.steps.enqueue(record, dueAt));
	}

	UniqueOutcome enqueueUnique(Task record, @Nullable Instant dueAt, UniqueKey key) {
		UniqueOutcome[] outcome = new UniqueOutcome[1];
		try {
			this.listeners.enqueue(record, () -> {
				outcome[0] = this.steps.enqueueUnique(record, dueAt, key);
				return outcome[0].kind() == UniqueOutcome.Kind.STORED;
			});
		}
		catch (UnsupportedOperationException ex) {
			throw new UnsupportedOperationException(
					"The " + this.engineType.get() + " engine has no unique keys (yet): "
							+ "TaskRequest.uniqueKey needs the memory, redis or jdbc engine",
					ex);
		}
		return outcome[0];
	}

	List<Boolean> enqueueAll(List<NewTask> tasks) {
		List<Task> records = tasks.stream().map(NewTask::record).toList();
		return this.listeners.enqueueAll(records, () -> this.steps.enqueueAll(tasks));
	}

	boolean joinsTransactions() {
		return this.steps.joinsTransactions();
	}

	boolean releaseWaiting(UUID uuid, Function<Task, @Nullable Task> released) {
		return this.steps.releaseWaiting(uuid, released);
	}

}
