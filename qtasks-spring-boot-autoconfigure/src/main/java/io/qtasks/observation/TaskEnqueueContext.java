package io.qtasks.observation;

import java.util.LinkedHashMap;
import java.util.Map;

import io.micrometer.observation.transport.Kind;
import io.micrometer.observation.transport.SenderContext;

import io.qtasks.Task;

/**
 * The context of a task's enqueue observation. Its carrier is a map that a tracer fills
 * with the trace context; it travels inside the task as {@code extra.trace}.
 *
 * @author QTasks contributors
 */
public class TaskEnqueueContext extends SenderContext<Map<String, String>> {

	private final Task task;

	/**
	 * Creates the context of one enqueue.
	 * @param task the record being enqueued (without trace context yet)
	 */
	public TaskEnqueueContext(Task task) {
		super((carrier, key, value) -> carrier.put(key, value), Kind.PRODUCER);
		this.task = task;
		setCarrier(new LinkedHashMap<>());
		setRemoteServiceName("qtasks");
	}

	/**
	 * The record being enqueued.
	 * @return the record
	 */
	public Task getTask() {
		return this.task;
	}

}
