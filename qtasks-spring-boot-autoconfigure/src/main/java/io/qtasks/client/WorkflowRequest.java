package io.qtasks.client;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

import io.qtasks.ChordFailure;
import io.qtasks.Task;
import io.qtasks.TaskRequest;

/**
 * A chain, group or chord as one step of another workflow ({@code QTasks.groupOf} and
 * friends). It takes no arguments of its own; adding it enqueues it as a workflow of its
 * own and answers its last record.
 *
 * @param client the client that made it
 * @param kind how its parts run
 * @param parts its steps (a chain), members (a group), or its group then its callback (a
 * chord)
 * @param onFailure what a chord's failed member does to its callback
 * @author QTasks contributors
 */
record WorkflowRequest(DefaultQTasks client, Kind kind, List<TaskRequest> parts,
		ChordFailure onFailure) implements TaskRequest {

	WorkflowRequest(DefaultQTasks client, Kind kind, List<TaskRequest> parts) {
		this(client, kind, parts, ChordFailure.CANCEL_CALLBACK);
	}

	/**
	 * How a workflow's parts run.
	 */
	enum Kind {

		/** One after the other. */
		CHAIN,

		/** In parallel. */
		GROUP,

		/** A group, then a callback with the group's results. */
		CHORD;

		String value() {
			return name().toLowerCase(java.util.Locale.ROOT);
		}

	}

	@Override
	public TaskRequest args(@Nullable Object @Nullable ... args) {
		throw notATask("arguments");
	}

	@Override
	public TaskRequest kwargs(Map<String, ?> kwargs) {
		throw notATask("arguments");
	}

	@Override
	public TaskRequest kwarg(String name, @Nullable Object value) {
		throw notATask("arguments");
	}

	@Override
	public TaskRequest priority(int priority) {
		throw notATask("a priority");
	}

	@Override
	public TaskRequest uuid(UUID uuid) {
		throw notATask("a uuid");
	}

	@Override
	public TaskRequest immediate() {
		throw notATask("immediate()");
	}

	@Override
	public Task add() {
		List<Task> records = this.client.enqueueWorkflow(this);
		return records.get(records.size() - 1);
	}

	@Override
	public Task addAndWait(Duration timeout) {
		Task last = add();
		return this.client.waitResult(last.uuid(), timeout).orElse(last);
	}

	/**
	 * Whether every task of the workflow, nested ones included, is to be sent at once.
	 * @return {@code true} when each of its requests said {@code immediate()}
	 */
	boolean isImmediate() {
		return this.parts.stream()
			.allMatch((part) -> (part instanceof DefaultTaskRequest request) ? request.isImmediate()
					: (part instanceof WorkflowRequest nested) && nested.isImmediate());
	}

	private UnsupportedOperationException notATask(String what) {
		return new UnsupportedOperationException(
				"A " + this.kind.value() + " step takes no " + what + " of its own: set them on its tasks' requests");
	}

}
