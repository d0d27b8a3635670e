package io.qtasks.engine.redis;

import java.util.UUID;

import org.springframework.util.Assert;

import io.qtasks.TaskStatus;

/**
 * The names of one QTasks application's Redis keys and channels: all start with
 * {@code qtasks:{<name>}:}, whose hash tag puts them in one cluster slot so that a script
 * may touch several of them. {@code docs/redis.md} describes each one.
 *
 * @author QTasks contributors
 */
public final class RedisKeys {

	private final String prefix;

	/**
	 * Creates the key names of an application.
	 * @param name the application's name ({@code qtasks.name})
	 */
	public RedisKeys(String name) {
		Assert.hasLength(name, "qtasks.name must not be empty: it names the Redis keys of the application");
		this.prefix = "qtasks:{" + name + "}:";
	}

	/**
	 * The common prefix, {@code qtasks:{<name>}:}.
	 * @return the prefix
	 */
	public String prefix() {
		return this.prefix;
	}

	/**
	 * The hash holding one task: its JSON record and the fields the scripts work with.
	 * @param uuid the task's uuid
	 * @return the key
	 */
	public String task(UUID uuid) {
		return this.prefix + "task:" + uuid;
	}

	/**
	 * The due tasks of one name: a sorted set of entries scored by priority.
	 * @param taskName the task's name
	 * @return the key
	 */
	public String pending(String taskName) {
		return this.prefix + "pending:" + taskName;
	}

	/**
	 * The names that have due tasks: a set.
	 * @return the key
	 */
	public String names() {
		return this.prefix + "names";
	}

	/**
	 * The named queues other than the default that have due tasks: a set.
	 * @return the key
	 */
	public String queues() {
		return this.prefix + "queues";
	}

	/**
	 * The claims held by task name and limit key: a hash of counts whose fields are JSON
	 * arrays {@code [name, key]} ({@code key} empty when the task has none).
	 * @return the key
	 */
	public String running() {
		return this.prefix + "running";
	}

	/**
	 * The claims held by queue: a hash of counts.
	 * @return the key
	 */
	public String runningByQueue() {
		return this.prefix + "running:queues";
	}

	/**
	 * The tasks that wait for an instant: a sorted set of uuids scored by due time.
	 * @return the key
	 */
	public String waiting() {
		return this.prefix + "waiting";
	}

	/**
	 * The claimed tasks: a sorted set of uuids scored by lease deadline.
	 * @return the key
	 */
	public String inflight() {
		return this.prefix + "inflight";
	}

	/**
	 * The counter that orders queue entries of one priority.
	 * @return the key
	 */
	public String sequence() {
		return this.prefix + "seq";
	}

	/**
	 * All records by creation time: a sorted set of uuids.
	 * @return the key
	 */
	public String index() {
		return this.prefix + "index";
	}

	/**
	 * The number of records by status: a hash.
	 * @return the key
	 */
	public String counts() {
		return this.prefix + "counts";
	}

	/**
	 * The flag a script sets when it found the counts overwritten by another program, so
	 * that the housekeeping counts again.
	 * @return the key
	 */
	public String staleCounts() {
		return counts() + ":stale";
	}

	/**
	 * The finished records of a status by expiry time: a sorted set of uuids.
	 * @param status a final status
	 * @return the key
	 */
	public String expiry(TaskStatus status) {
		return this.prefix + "expiry:" + status.value();
	}

	/**
	 * Queue entries that named no task: a list of JSON objects, newest first.
	 * @return the key
	 */
	public String deadLetters() {
		return this.prefix + "dead-letters";
	}

	/**
	 * A unique key: a string holding the uuid of the task that took it, deleted when that
	 * task finishes or kept for the task's {@code uniqueFor}.
	 * @param key the application's key
	 * @return the Redis key
	 */
	public String unique(String key) {
		return this.prefix + "unique:" + key;
	}

	/**
	 * The names of the stored schedules: a set.
	 * @return the key
	 */
	public String schedules() {
		return this.prefix + "schedules";
	}

	/**
	 * One schedule: a hash of its definition (for one added at run time), creation time,
	 * pause, resume time and last firing.
	 * @param name the schedule's name
	 * @return the key
	 */
	public String schedule(String name) {
		return this.prefix + "schedule:" + name;
	}

	/**
	 * The live worker nodes: a hash of JSON descriptions by node id.
	 * @return the key
	 */
	public String nodes() {
		return this.prefix + "nodes";
	}

	/**
	 * When each worker node's registration runs out: a sorted set of node ids.
	 * @return the key
	 */
	public String nodeDeadlines() {
		return this.prefix + "nodes:deadlines";
	}

	/**
	 * The receivers that wait for tasks, so that queueing one wakes them only when one
	 * waits: a sorted set of receiver ids scored by when their wait runs out.
	 * @return the key
	 */
	public String idleReceivers() {
		return this.prefix + "receivers:idle";
	}

	/**
	 * The nodes that wait for results: node id scored by when the registration runs out
	 * (Redis server time, ms). A task's end is published only while one is listed.
	 * @return the key
	 */
	public String waiters() {
		return this.prefix + "waiters";
	}

	/**
	 * The channel that wakes idle workers when tasks are queued.
	 * @return the channel
	 */
	public String wakeChannel() {
		return this.prefix + "wake";
	}

	/**
	 * The channel that announces finished tasks (the message is the uuid).
	 * @return the channel
	 */
	public String finishedChannel() {
		return this.prefix + "finished";
	}

	/**
	 * The channel that carries cancel requests for claimed tasks.
	 * @return the channel
	 */
	public String cancelChannel() {
		return this.prefix + "cancel";
	}

}
