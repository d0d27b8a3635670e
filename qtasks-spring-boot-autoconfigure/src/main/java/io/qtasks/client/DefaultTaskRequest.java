package io.qtasks.client;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

import org.springframework.util.Assert;

import io.qtasks.Task;
import io.qtasks.TaskRequest;
import io.qtasks.definition.TaskQueues;

/**
 * A {@link TaskRequest} that enqueues through {@link DefaultQTasks}.
 *
 * @author QTasks contributors
 */
final class DefaultTaskRequest implements TaskRequest {

	private final DefaultQTasks client;

	private final String taskName;

	private @Nullable Object[] args = new Object[0];

	private final Map<String, Object> kwargs = new LinkedHashMap<>();

	private @Nullable Integer priority;

	private @Nullable UUID uuid;

	private @Nullable Duration delay;

	private @Nullable Instant dueAt;

	private @Nullable String uniqueKey;

	private @Nullable Duration uniqueFor;

	private @Nullable String queue;

	private @Nullable String limitKey;

	private boolean immediate;

	DefaultTaskRequest(DefaultQTasks client, String taskName) {
		this.client = client;
		this.taskName = taskName;
	}

	@Override
	public TaskRequest args(@Nullable Object @Nullable ... args) {
		this.args = (args != null) ? args.clone() : new Object[] { null };
		return this;
	}

	@Override
	public TaskRequest kwargs(Map<String, ?> kwargs) {
		this.kwargs.putAll(kwargs);
		return this;
	}

	@Override
	public TaskRequest kwarg(String name, @Nullable Object value) {
		this.kwargs.put(name, value);
		return this;
	}

	@Override
	public TaskRequest priority(int priority) {
		this.priority = priority;
		return this;
	}

	@Override
	public TaskRequest uuid(UUID uuid) {
		Assert.notNull(uuid, "uuid must not be null");
		this.uuid = uuid;
		return this;
	}

	@Override
	public TaskRequest delay(Duration delay) {
		Assert.notNull(delay, "delay must not be null");
		this.delay = delay;
		this.dueAt = null;
		return this;
	}

	@Override
	public TaskRequest queue(String queue) {
		Assert.isTrue(queue != null && TaskQueues.isValid(queue),
				() -> "queue '" + queue + "' is not a queue name (1 to 100 letters, digits, '.', '_' or '-')");
		this.queue = queue;
		return this;
	}

	@Override
	public TaskRequest at(Instant dueAt) {
		Assert.notNull(dueAt, "dueAt must not be null");
		this.dueAt = dueAt;
		this.delay = null;
		return this;
	}

	@Override
	public TaskRequest uniqueKey(String key) {
		Assert.hasLength(key, "a unique key must not be empty");
		this.uniqueKey = key;
		return this;
	}

	@Override
	public TaskRequest uniqueFor(Duration keepFor) {
		Assert.notNull(keepFor, "uniqueFor must not be null");
		Assert.isTrue(!keepFor.isNegative(), () -> "uniqueFor must not be negative, was " + keepFor);
		this.uniqueFor = keepFor;
		return this;
	}

	@Override
	public TaskRequest limitKey(String limitKey) {
		Assert.hasLength(limitKey, "limitKey must not be empty");
		this.limitKey = limitKey;
		return this;
	}

	@Override
	public TaskRequest immediate() {
		this.immediate = true;
		return this;
	}

	@Override
	public Task add() {
		return this.client.enqueue(this);
	}

	@Override
	public Task addAndWait(Duration timeout) {
		return this.client.enqueueAndWait(this, timeout);
	}

	String taskName() {
		return this.taskName;
	}

	@Nullable Object[] args() {
		return this.args;
	}

	Map<String, Object> kwargs() {
		return this.kwargs;
	}

	@Nullable Integer priority() {
		return this.priority;
	}

	@Nullable UUID uuid() {
		return this.uuid;
	}

	/**
	 * When the task may run.
	 * @param now the current time
	 * @return the due time, or {@code null} for now
	 */
	@Nullable Instant dueAt(Instant now) {
		Instant due = (this.delay != null) ? now.plus(this.delay) : this.dueAt;
		return (due != null && due.isAfter(now)) ? due : null;
	}

	@Nullable String uniqueKey() {
		return this.uniqueKey;
	}

	/**
	 * Whether the request sets a delay, an instant or a unique key.
	 * @return the flag
	 */
	boolean isScheduled() {
		return this.delay != null || this.dueAt != null || this.uniqueKey != null || this.uniqueFor != null;
	}

	@Nullable Duration uniqueFor() {
		return this.uniqueFor;
	}

	@Nullable String queue() {
		return this.queue;
	}

	@Nullable String limitKey() {
		return this.limitKey;
	}

	boolean isImmediate() {
		return this.immediate;
	}

	DefaultQTasks client() {
		return this.client;
	}

}
