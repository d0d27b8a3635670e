package io.qtasks.engine;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

import org.springframework.context.event.EventListener;
import org.springframework.core.annotation.Order;

import io.qtasks.event.TaskEvent;

/**
 * Records the task events published on a node, per task, as an application's
 * {@code @EventListener} would see them.
 *
 * @author QTasks contributors
 */
public class TaskEventRecorder {

	private final Map<UUID, List<TaskEvent>> events = new ConcurrentHashMap<>();

	@EventListener
	@Order(0)
	void on(TaskEvent event) {
		this.events.computeIfAbsent(event.task().uuid(), (uuid) -> new CopyOnWriteArrayList<>()).add(event);
	}

	/**
	 * The events of one task, in the order they were published.
	 * @param uuid the task's uuid
	 * @return the events
	 */
	public List<TaskEvent> of(UUID uuid) {
		return List.copyOf(this.events.getOrDefault(uuid, List.of()));
	}

	/**
	 * The kinds of the events of one task, in order.
	 * @param uuid the task's uuid
	 * @return the event classes' simple names
	 */
	public List<String> kinds(UUID uuid) {
		return of(uuid).stream().map((event) -> event.getClass().getSimpleName()).toList();
	}

}
