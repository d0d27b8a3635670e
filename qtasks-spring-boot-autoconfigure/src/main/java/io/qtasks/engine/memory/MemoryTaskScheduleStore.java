package io.qtasks.engine.memory;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BooleanSupplier;

import io.qtasks.Task;
import io.qtasks.engine.spi.ScheduleFiring;
import io.qtasks.engine.spi.StoredSchedule;
import io.qtasks.engine.spi.TaskScheduleStore;

/**
 * Schedules in this JVM's memory, under one lock: a firing is checked, recorded and
 * enqueued while the lock is held, so that the threads of this JVM fire each due time
 * once. Only for an engine that one node uses (the memory engine): the schedules and
 * their last firings are lost with the JVM.
 *
 * @author QTasks contributors
 */
public class MemoryTaskScheduleStore implements TaskScheduleStore {

	private final Map<String, StoredSchedule> schedules = new LinkedHashMap<>();

	@Override
	public String type() {
		return "memory";
	}

	@Override
	public synchronized boolean define(String name, String definition, Instant now) {
		StoredSchedule current = this.schedules.get(name);
		if (current == null) {
			this.schedules.put(name, new StoredSchedule(name, definition, now, false, null, null, null));
			return true;
		}
		if (current.isDeclared()) {
			return false;
		}
		this.schedules.put(name, new StoredSchedule(name, definition, current.createdAt(), current.paused(),
				current.resumedAt(), current.lastDueAt(), current.lastTaskUuid()));
		return true;
	}

	@Override
	public synchronized StoredSchedule declare(String name, Instant now) {
		return this.schedules.computeIfAbsent(name,
				(key) -> new StoredSchedule(name, null, now, false, null, null, null));
	}

	@Override
	public synchronized Optional<StoredSchedule> find(String name) {
		return Optional.ofNullable(this.schedules.get(name));
	}

	@Override
	public synchronized List<StoredSchedule> list() {
		return new ArrayList<>(this.schedules.values());
	}

	@Override
	public synchronized boolean remove(String name) {
		return this.schedules.remove(name) != null;
	}

	@Override
	public synchronized boolean setPaused(String name, boolean paused, Instant now) {
		StoredSchedule current = this.schedules.get(name);
		if (current == null) {
			return false;
		}
		Instant resumedAt = (current.paused() && !paused) ? now : current.resumedAt();
		this.schedules.put(name, new StoredSchedule(name, current.definition(), current.createdAt(), paused, resumedAt,
				current.lastDueAt(), current.lastTaskUuid()));
		return true;
	}

	@Override
	public synchronized ScheduleFiring fire(String name, Instant dueAt, Task record, BooleanSupplier enqueue) {
		StoredSchedule current = this.schedules.get(name);
		if (current == null) {
			return ScheduleFiring.NOT_FOUND;
		}
		if (current.paused()) {
			return ScheduleFiring.PAUSED;
		}
		if (current.lastDueAt() != null && !current.lastDueAt().isBefore(dueAt)) {
			return ScheduleFiring.ALREADY_FIRED;
		}
		boolean stored = enqueue.getAsBoolean();
		this.schedules.put(name, new StoredSchedule(name, current.definition(), current.createdAt(), false,
				current.resumedAt(), dueAt, record.uuid()));
		return stored ? ScheduleFiring.FIRED : ScheduleFiring.ALREADY_FIRED;
	}

}
