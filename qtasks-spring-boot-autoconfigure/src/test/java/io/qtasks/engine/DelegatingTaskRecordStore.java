package io.qtasks.engine;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import io.qtasks.CancelOutcome;
import io.qtasks.Task;
import io.qtasks.TaskStatus;
import io.qtasks.engine.spi.Fence;
import io.qtasks.engine.spi.StoredTask;
import io.qtasks.engine.spi.TaskQuery;
import io.qtasks.engine.spi.TaskRecordStore;
import io.qtasks.engine.spi.WriteResult;

/**
 * A record store that hands every call to another one: a base for stores that misbehave
 * on purpose.
 *
 * @author QTasks contributors
 */
public class DelegatingTaskRecordStore implements TaskRecordStore {

	private final TaskRecordStore delegate;

	public DelegatingTaskRecordStore(TaskRecordStore delegate) {
		this.delegate = delegate;
	}

	@Override
	public String type() {
		return this.delegate.type();
	}

	@Override
	public boolean insert(Task record) {
		return this.delegate.insert(record);
	}

	@Override
	public Optional<StoredTask> find(UUID uuid) {
		return this.delegate.find(uuid);
	}

	@Override
	public WriteResult write(Task record, Fence fence) {
		return this.delegate.write(record, fence);
	}

	@Override
	public CancelOutcome requestCancel(UUID uuid, String reason) {
		return this.delegate.requestCancel(uuid, reason);
	}

	@Override
	public List<Task> list(TaskQuery query) {
		return this.delegate.list(query);
	}

	@Override
	public Map<TaskStatus, Long> countByStatus() {
		return this.delegate.countByStatus();
	}

}
