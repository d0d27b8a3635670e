package io.qtasks.workflow;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import io.qtasks.Task;

/**
 * A task's place in a workflow, kept in its record as {@code extra.workflow}: the
 * workflow's id and kind, the step's number among all the workflow's steps, the steps it
 * waits for ({@code after}) and the steps that wait for it ({@code then}), whether it is
 * still held, and whether it gets its predecessors' results as one list ({@code gather},
 * after a group) or the single result of the one before.
 *
 * @param id the workflow's id
 * @param kind {@code chain}, {@code group} or {@code chord}: how the workflow was made
 * @param step the step's number, from 1, in the order the workflow's records were
 * returned
 * @param steps every step of the workflow, in that order
 * @param after the steps this one waits for
 * @param then the steps that wait for this one
 * @param held whether the step still waits for its predecessors
 * @param gather whether the predecessors' results are passed as one list
 * @param evenAfterFailures whether the step runs when a predecessor ended {@code error}
 * or {@code cancel} (a chord's callback with {@code ChordFailure.RUN_CALLBACK}), with
 * {@code null} for that predecessor's result
 * @author QTasks contributors
 */
public record WorkflowLinks(UUID id, String kind, int step, List<UUID> steps, List<UUID> after, List<UUID> then,
		boolean held, boolean gather, boolean evenAfterFailures) {

	/**
	 * The {@link Task#extra()} entry that holds a step's links.
	 */
	public static final String EXTRA = "workflow";

	/**
	 * The links of a record, when it is a workflow's step. Links that cannot be read
	 * (written by another program) count as none.
	 * @param record the record
	 * @return its links
	 */
	public static Optional<WorkflowLinks> of(Task record) {
		if (!(record.extra().get(EXTRA) instanceof Map<?, ?> map)) {
			return Optional.empty();
		}
		try {
			return Optional.of(new WorkflowLinks(UUID.fromString(String.valueOf(map.get("id"))),
					String.valueOf(map.get("kind")), ((Number) map.get("step")).intValue(), uuids(map.get("steps")),
					uuids(map.get("after")), uuids(map.get("then")), Boolean.TRUE.equals(map.get("held")),
					Boolean.TRUE.equals(map.get("gather")), Boolean.TRUE.equals(map.get("evenAfterFailures"))));
		}
		catch (RuntimeException ex) {
			return Optional.empty();
		}
	}

	/**
	 * These links, no longer held.
	 * @return the links of the released step
	 */
	public WorkflowLinks released() {
		return new WorkflowLinks(this.id, this.kind, this.step, this.steps, this.after, this.then, false, this.gather,
				this.evenAfterFailures);
	}

	/**
	 * A record carrying these links.
	 * @param record the record
	 * @return the record with {@code extra.workflow} set
	 */
	public Task applyTo(Task record) {
		return record.toBuilder().extra(EXTRA, toMap()).build();
	}

	/**
	 * These links as the JSON-friendly map stored in the record.
	 * @return the map
	 */
	public Map<String, Object> toMap() {
		Map<String, Object> map = new LinkedHashMap<>();
		map.put("id", this.id.toString());
		map.put("kind", this.kind);
		map.put("step", this.step);
		map.put("steps", strings(this.steps));
		map.put("after", strings(this.after));
		map.put("then", strings(this.then));
		map.put("held", this.held);
		map.put("gather", this.gather);
		if (this.evenAfterFailures) {
			map.put("evenAfterFailures", true);
		}
		return map;
	}

	private static List<UUID> uuids(Object value) {
		List<UUID> uuids = new ArrayList<>();
		for (Object item : (List<?>) value) {
			uuids.add(UUID.fromString(String.valueOf(item)));
		}
		return List.copyOf(uuids);
	}

	private static List<String> strings(List<UUID> uuids) {
		return uuids.stream().map(UUID::toString).toList();
	}

}
