package io.qtasks.broker.redis;

import java.util.UUID;

import io.qtasks.Task;
import io.qtasks.broker.TaskDelivery;

/**
 * A claim on a task in Redis, identified by its fencing token: every write checks that
 * the token still holds the task, so a run whose lease was taken over writes nothing.
 *
 * @author QTasks contributors
 */
final class RedisTaskDelivery implements TaskDelivery {

	private final RedisTaskBroker broker;

	private final Task task;

	private final String token;

	private volatile Task current;

	RedisTaskDelivery(RedisTaskBroker broker, Task task, String token) {
		this.broker = broker;
		this.task = task;
		this.token = token;
		this.current = task;
	}

	@Override
	public Task task() {
		return this.task;
	}

	@Override
	public int deliveries() {
		// the fencing token counts the task's claims
		return Integer.parseInt(this.token);
	}

	UUID uuid() {
		return this.task.uuid();
	}

	String token() {
		return this.token;
	}

	/**
	 * The last record this claim wrote, or the claimed one.
	 * @return the record
	 */
	Task current() {
		return this.current;
	}

	@Override
	public boolean update(Task record) {
		boolean written = this.broker.update(this, record);
		if (written) {
			this.current = record;
		}
		return written;
	}

	@Override
	public boolean complete(Task record) {
		return this.broker.complete(this, record);
	}

	@Override
	public void release() {
		this.broker.release(this);
	}

}
