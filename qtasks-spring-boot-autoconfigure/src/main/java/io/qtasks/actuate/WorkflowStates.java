package io.qtasks.actuate;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.qtasks.Task;
import io.qtasks.engine.TaskEngine;
import io.qtasks.workflow.WorkflowLinks;

/**
 * Adds to a workflow step's record, as the endpoint shows it, the status of every step of
 * its workflow, so that one read shows where the workflow stands.
 *
 * @author QTasks contributors
 */
final class WorkflowStates {

	/** Steps beyond this many are not looked up for one read. */
	private static final int MAX_STEPS = 100;

	private final TaskEngine engine;

	WorkflowStates(TaskEngine engine) {
		this.engine = engine;
	}

	/**
	 * The record, with {@code extra.workflow.states} when it is a workflow's step: for
	 * each step, in order, its uuid, task name and status ({@code expired} when its
	 * record is gone).
	 * @param record the stored record
	 * @return the record to show
	 */
	Task withStates(Task record) {
		return WorkflowLinks.of(record).map((links) -> {
			Map<String, Object> workflow = links.toMap();
			List<Map<String, Object>> states = new ArrayList<>();
			for (UUID step : links.steps().subList(0, Math.min(links.steps().size(), MAX_STEPS))) {
				Map<String, Object> state = new LinkedHashMap<>();
				state.put("uuid", step.toString());
				Task task = step.equals(record.uuid()) ? record : this.engine.find(step).orElse(null);
				state.put("taskName", (task != null) ? task.taskName() : null);
				state.put("status", (task != null) ? task.status().value() : "expired");
				states.add(state);
			}
			workflow.put("states", states);
			return record.toBuilder().extra(WorkflowLinks.EXTRA, workflow).build();
		}).orElse(record);
	}

}
