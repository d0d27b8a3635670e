package io.qtasks.client;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.qtasks.ChordFailure;
import io.qtasks.Task;
import io.qtasks.TaskRequest;
import io.qtasks.engine.spi.NewTask;
import io.qtasks.workflow.WorkflowLinks;

/**
 * Turns a workflow into the records of its steps, all stored at once: the steps that wait
 * for others are held in the engine until {@link #HOLD} from now (in practice until the
 * engine releases them), and each carries its {@link WorkflowLinks}.
 *
 * @author QTasks contributors
 */
final class WorkflowPlanner {

	/**
	 * How long a held step waits at most: far beyond any workflow, within what every
	 * engine's clock arithmetic takes.
	 */
	static final Duration HOLD = Duration.ofDays(365L * 100);

	private final DefaultQTasks client;

	private final NewRecords records;

	private final Map<UUID, Step> steps = new LinkedHashMap<>();

	private WorkflowPlanner(DefaultQTasks client, NewRecords records) {
		this.client = client;
		this.records = records;
	}

	/**
	 * The new records of a workflow's steps, in order: members before the steps after
	 * them, a chord's callback last.
	 * @param client the client whose requests the workflow may hold
	 * @param records builds each step's record
	 * @param workflow the workflow
	 * @param now the enqueue's time
	 * @return the records and their due times
	 */
	static List<NewTask> plan(DefaultQTasks client, NewRecords records, WorkflowRequest workflow, Instant now) {
		WorkflowPlanner planner = new WorkflowPlanner(client, records);
		planner.place(workflow, List.of(), false, false, now);
		List<UUID> uuids = List.copyOf(planner.steps.keySet());
		UUID id = TaskIds.next();
		List<NewTask> planned = new ArrayList<>(uuids.size());
		int number = 0;
		for (Step step : planner.steps.values()) {
			number++;
			boolean held = !step.after.isEmpty();
			WorkflowLinks links = new WorkflowLinks(id, workflow.kind().value(), number, uuids, List.copyOf(step.after),
					List.copyOf(step.then), held, step.gather, step.evenAfterFailures);
			planned.add(new NewTask(links.applyTo(step.record), held ? now.plus(HOLD) : null));
		}
		return planned;
	}

	/**
	 * Places a part of the workflow after the given steps.
	 * @return the steps the part ends with, and whether it ends with a group
	 */
	private Placed place(TaskRequest part, List<UUID> after, boolean gather, boolean evenAfterFailures, Instant now) {
		if (part instanceof DefaultTaskRequest request) {
			if (request.client() != this.client) {
				throw new IllegalArgumentException(
						"A step of a workflow comes from the same QTasks client: " + request.taskName() + " does not");
			}
			if (request.isScheduled()) {
				throw new IllegalArgumentException("A step of a workflow runs when the steps before it end: "
						+ request.taskName() + " sets a delay, an instant or a unique key, which steps do not take");
			}
			Task record = this.records.of(request, now);
			if (this.steps.containsKey(record.uuid())) {
				throw new IllegalArgumentException("Uuid " + record.uuid() + " is given to two steps of a workflow");
			}
			this.steps.put(record.uuid(), new Step(record, after, gather, evenAfterFailures));
			after.forEach((before) -> this.steps.get(before).then.add(record.uuid()));
			return new Placed(List.of(record.uuid()), false);
		}
		if (!(part instanceof WorkflowRequest workflow)) {
			throw new IllegalArgumentException("A step of a workflow is a request of QTasks.task(...) or a nested "
					+ "workflow of QTasks.groupOf/chainOf/chordOf, not a " + part.getClass().getName());
		}
		if (workflow.parts().isEmpty()) {
			throw new IllegalArgumentException("A " + workflow.kind().value() + " needs at least one step");
		}
		if (workflow.kind() == WorkflowRequest.Kind.GROUP) {
			List<UUID> ends = new ArrayList<>();
			for (TaskRequest member : workflow.parts()) {
				ends.addAll(place(member, after, gather, evenAfterFailures, now).ends());
			}
			return new Placed(ends, true);
		}
		// a chain, or a chord: its group, then its callback
		List<UUID> ends = after;
		boolean afterGroup = gather;
		boolean runsAfterFailures = evenAfterFailures;
		for (TaskRequest step : workflow.parts()) {
			Placed placed = place(step, ends, afterGroup, runsAfterFailures, now);
			ends = placed.ends();
			afterGroup = placed.group();
			// only a chord's callback may run after a failure, and only the steps right
			// after it
			runsAfterFailures = workflow.kind() == WorkflowRequest.Kind.CHORD
					&& workflow.onFailure() == ChordFailure.RUN_CALLBACK;
		}
		return new Placed(ends, afterGroup);
	}

	private record Placed(List<UUID> ends, boolean group) {
	}

	private static final class Step {

		private final Task record;

		private final List<UUID> after;

		private final List<UUID> then = new ArrayList<>();

		private final boolean gather;

		private final boolean evenAfterFailures;

		Step(Task record, List<UUID> after, boolean gather, boolean evenAfterFailures) {
			this.record = record;
			this.after = after;
			this.gather = gather;
			this.evenAfterFailures = evenAfterFailures;
		}

	}

}
