package io.qtasks.engine;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

import org.jspecify.annotations.Nullable;

import io.qtasks.Task;

/**
 * Shared between the scheduling test tasks and the test, across application contexts:
 * records every run of a scheduled or delayed task, with when it started (read inside the
 * task) and what its record says.
 *
 * @author QTasks contributors
 */
public class FiringProbe {

	private final List<Run> runs = new CopyOnWriteArrayList<>();

	void ran(String node, String label, Task record) {
		Instant startedAt = Instant.now();
		this.runs.add(new Run(node, label, record.uuid(), startedAt, TaskExtras.scheduledFor(record),
				TaskExtras.schedule(record)));
	}

	/**
	 * The runs so far, in order.
	 * @return the runs
	 */
	public List<Run> runs() {
		return List.copyOf(this.runs);
	}

	/**
	 * The runs of one label (or schedule).
	 * @param label the label
	 * @return the runs
	 */
	public List<Run> runs(String label) {
		return this.runs.stream().filter((run) -> label.equals(run.label())).toList();
	}

	/**
	 * One run.
	 *
	 * @param node the node that ran it
	 * @param label the label it was given, or the schedule's name
	 * @param uuid the task's uuid
	 * @param startedAt when it started, read inside the task
	 * @param dueAt the due time it fires, for a schedule's firing; else {@code null}
	 * @param schedule the schedule it is a firing of, or {@code null}
	 */
	public record Run(String node, String label, UUID uuid, Instant startedAt, @Nullable Instant dueAt,
			@Nullable String schedule) {

	}

}
