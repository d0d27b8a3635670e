package io.qtasks;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonIgnore;
import org.jspecify.annotations.Nullable;

/**
 * A task record as stored: what was asked ({@link #taskName()}, {@link #args()},
 * {@link #kwargs()}, {@link #priority()}) and what happened ({@link #status()},
 * {@link #returning()}, {@link #traceback()}, {@link #cancelReason()}). Immutable; use
 * {@link #toBuilder()} to derive a changed copy.
 * <p>
 * Arguments and results are held as JSON values (maps, lists, strings, numbers, booleans
 * and {@code null}), exactly as they travel through a broker.
 *
 * @param uuid the task's identity, the same for every attempt
 * @param taskName the name of the task definition to run
 * @param status the lifecycle state
 * @param priority the priority; lower runs first
 * @param args positional arguments as JSON values
 * @param kwargs named arguments as JSON values, bound to parameters by name
 * @param createdAt when the task was enqueued
 * @param updatedAt when the record last changed
 * @param returning the stored result once {@code success}, else {@code null}
 * @param traceback the stack trace of the last failure, else {@code null}
 * @param retry how many retries the task definition allows (attempts = retry + 1)
 * @param attempt the number of the current or last attempt, 0 before the first
 * @param cancelReason why the task was cancelled, else {@code null}
 * @param extra free metadata written by the runtime (timestamps, progress, node)
 * @author QTasks contributors
 */
public record Task(UUID uuid, String taskName, TaskStatus status, int priority, List<Object> args,
		Map<String, Object> kwargs, @Nullable Instant createdAt, @Nullable Instant updatedAt,
		@Nullable Object returning, @Nullable String traceback, int retry, int attempt, @Nullable String cancelReason,
		Map<String, Object> extra) {

	/**
	 * Checks the identity fields and takes unmodifiable copies of the collections
	 * ({@code null} elements and values are kept, as in JSON).
	 */
	public Task {
		Objects.requireNonNull(uuid, "uuid must not be null");
		Objects.requireNonNull(taskName, "taskName must not be null");
		Objects.requireNonNull(status, "status must not be null");
		args = FrozenJson.list(args);
		kwargs = FrozenJson.map(kwargs);
		extra = FrozenJson.metadata(extra);
	}

	/**
	 * Whether the task has reached a final state.
	 * @return {@code true} for {@code success}, {@code error} and {@code cancel}
	 */
	@JsonIgnore
	public boolean isFinished() {
		return this.status.isFinished();
	}

	/**
	 * A builder initialised with this record's values.
	 * @return a new builder
	 */
	public Builder toBuilder() {
		return new Builder(this);
	}

	/**
	 * A builder for a new record in status {@code new}.
	 * @param uuid the task's identity
	 * @param taskName the task name
	 * @return a new builder
	 */
	public static Builder builder(UUID uuid, String taskName) {
		return new Builder(uuid, taskName);
	}

	@Override
	public String toString() {
		return "Task(status=" + this.status + ", uuid=" + this.uuid + ", taskName=" + this.taskName + ", priority="
				+ this.priority + ", args=" + this.args + ", kwargs=" + this.kwargs + ", returning=" + this.returning
				+ ", traceback=" + firstLine(this.traceback) + ", retry=" + this.retry + ", attempt=" + this.attempt
				+ ", createdAt=" + this.createdAt + ", updatedAt=" + this.updatedAt + ", extra=" + this.extra
				+ ", cancelReason=" + this.cancelReason + ")";
	}

	private static @Nullable String firstLine(@Nullable String text) {
		if (text == null) {
			return null;
		}
		int end = text.indexOf('\n');
		return (end < 0) ? text : text.substring(0, end).stripTrailing() + " …";
	}

	/**
	 * Builds {@link Task} records.
	 */
	public static final class Builder {

		private UUID uuid;

		private String taskName;

		private TaskStatus status = TaskStatus.NEW;

		private int priority;

		private List<Object> args = List.of();

		private Map<String, Object> kwargs = Map.of();

		private @Nullable Instant createdAt;

		private @Nullable Instant updatedAt;

		private @Nullable Object returning;

		private @Nullable String traceback;

		private int retry;

		private int attempt;

		private @Nullable String cancelReason;

		private Map<String, Object> extra = Map.of();

		/**
		 * Entries added one by one since the last {@link #extra(Map)}, on top of a copy
		 * of {@link #extra}; copied once, however many are added.
		 */
		private @Nullable LinkedHashMap<String, Object> extraEdits;

		private Builder(UUID uuid, String taskName) {
			this.uuid = uuid;
			this.taskName = taskName;
		}

		private Builder(Task task) {
			this.uuid = task.uuid;
			this.taskName = task.taskName;
			this.status = task.status;
			this.priority = task.priority;
			this.args = task.args;
			this.kwargs = task.kwargs;
			this.createdAt = task.createdAt;
			this.updatedAt = task.updatedAt;
			this.returning = task.returning;
			this.traceback = task.traceback;
			this.retry = task.retry;
			this.attempt = task.attempt;
			this.cancelReason = task.cancelReason;
			this.extra = task.extra;
		}

		public Builder status(TaskStatus status) {
			this.status = status;
			return this;
		}

		public Builder priority(int priority) {
			this.priority = priority;
			return this;
		}

		public Builder args(List<Object> args) {
			this.args = args;
			return this;
		}

		public Builder kwargs(Map<String, Object> kwargs) {
			this.kwargs = kwargs;
			return this;
		}

		public Builder createdAt(@Nullable Instant createdAt) {
			this.createdAt = createdAt;
			return this;
		}

		public Builder updatedAt(@Nullable Instant updatedAt) {
			this.updatedAt = updatedAt;
			return this;
		}

		public Builder returning(@Nullable Object returning) {
			this.returning = returning;
			return this;
		}

		public Builder traceback(@Nullable String traceback) {
			this.traceback = traceback;
			return this;
		}

		public Builder retry(int retry) {
			this.retry = retry;
			return this;
		}

		public Builder attempt(int attempt) {
			this.attempt = attempt;
			return this;
		}

		public Builder cancelReason(@Nullable String cancelReason) {
			this.cancelReason = cancelReason;
			return this;
		}

		public Builder extra(Map<String, Object> extra) {
			this.extra = extra;
			this.extraEdits = null;
			return this;
		}

		/**
		 * Adds or replaces one {@link Task#extra()} entry.
		 * @param key the entry name
		 * @param value the entry value
		 * @return this builder
		 */
		public Builder extra(String key, @Nullable Object value) {
			if (this.extraEdits == null) {
				this.extraEdits = new LinkedHashMap<>(this.extra);
			}
			this.extraEdits.put(key, value);
			return this;
		}

		/**
		 * Removes one {@link Task#extra()} entry, if present.
		 * @param key the entry name
		 * @return this builder
		 */
		public Builder removeExtra(String key) {
			if (this.extraEdits == null) {
				if (!this.extra.containsKey(key)) {
					return this;
				}
				this.extraEdits = new LinkedHashMap<>(this.extra);
			}
			this.extraEdits.remove(key);
			return this;
		}

		public Task build() {
			if (this.extraEdits != null) {
				this.extra = FrozenJson.metadata(this.extraEdits);
				this.extraEdits = null;
			}
			return new Task(this.uuid, this.taskName, this.status, this.priority, this.args, this.kwargs,
					this.createdAt, this.updatedAt, this.returning, this.traceback, this.retry, this.attempt,
					this.cancelReason, this.extra);
		}

	}

}
