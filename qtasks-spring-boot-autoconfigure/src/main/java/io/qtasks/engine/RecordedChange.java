package io.qtasks.engine;

import java.util.function.Function;

import org.jspecify.annotations.Nullable;

import io.qtasks.Task;

/**
 * A change that a step applies to the record it read, possibly more than once; the last
 * one applied is the one stored, and the listeners are told of it.
 *
 * @author QTasks contributors
 */
final class RecordedChange {

	private final Function<Task, @Nullable Task> change;

	private @Nullable Task read;

	private @Nullable Task written;

	RecordedChange(Function<Task, @Nullable Task> change) {
		this.change = change;
	}

	@Nullable Task apply(Task current) {
		this.read = current;
		this.written = this.change.apply(current);
		return this.written;
	}

	void tell(RecordListeners listeners) {
		if (this.written != null) {
			listeners.recorded(this.read, this.written);
		}
	}

}
