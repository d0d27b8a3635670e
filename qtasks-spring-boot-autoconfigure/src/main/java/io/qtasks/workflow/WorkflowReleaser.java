package io.qtasks.workflow;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.qtasks.Task;
import io.qtasks.TaskStatus;
import io.qtasks.engine.LogSafe;
import io.qtasks.engine.TaskEngine;
import io.qtasks.engine.TaskRecordListener;
import io.qtasks.engine.spi.TaskQuery;

/**
 * Moves workflows on as their steps' outcomes are stored, on the node that stored them: a
 * step that succeeded releases each held step after it whose predecessors have all
 * succeeded, with their results as its last positional argument; a step that ended
 * {@code error} or {@code cancel} ends every held step after it, directly or not, as
 * {@code cancel}, with a reason naming it.
 * <p>
 * The state lives in the records alone, so any node can move a workflow on, and a step
 * released twice (two members of a group ending at once) is released once: the release is
 * fenced by the record's revision.
 *
 * @author QTasks contributors
 */
public final class WorkflowReleaser implements TaskRecordListener {

	private static final Logger logger = LoggerFactory.getLogger(WorkflowReleaser.class);

	/** The step whose end this thread is cancelling the steps after, if any. */
	private static final ThreadLocal<UUID> STOPPING = new ThreadLocal<>();

	private final TaskEngine engine;

	/**
	 * Creates the releaser.
	 * @param engine where the steps are read, released and cancelled
	 */
	public WorkflowReleaser(TaskEngine engine) {
		this.engine = engine;
	}

	@Override
	public void recorded(@Nullable Task previous, Task record) {
		if (!record.isFinished() || (previous != null && previous.isFinished())) {
			return;
		}
		WorkflowLinks.of(record).filter((links) -> !links.then().isEmpty()).ifPresent((links) -> {
			if (record.status() == TaskStatus.SUCCESS) {
				links.then().forEach(this::releaseIfReady);
			}
			else {
				stopAfter(record, links);
			}
		});
	}

	/**
	 * Moves on the workflows whose last stored outcome was not acted on (the node that
	 * stored it died first): looks at the newest held steps and releases or cancels each
	 * whose predecessors have all ended.
	 * @param limit how many of the newest {@code new} records to look at
	 */
	public void sweep(int limit) {
		for (Task task : this.engine.list(new TaskQuery(TaskStatus.NEW, null, limit))) {
			if (WorkflowLinks.of(task).filter(WorkflowLinks::held).isPresent()) {
				releaseIfReady(task.uuid());
			}
		}
	}

	/**
	 * Releases a held step when all its predecessors have ended: with their results when
	 * they all succeeded, else as {@code cancel}.
	 * @param uuid the step's uuid
	 */
	void releaseIfReady(UUID uuid) {
		Optional<Task> found = this.engine.find(uuid);
		Optional<WorkflowLinks> links = found.flatMap(WorkflowLinks::of);
		if (links.isEmpty() || found.get().isFinished() || !links.get().held()) {
			return;
		}
		List<Task> predecessors = new ArrayList<>();
		for (UUID before : links.get().after()) {
			Optional<Task> predecessor = this.engine.find(before);
			if (predecessor.isEmpty() || !predecessor.get().isFinished()) {
				// not there yet: the last predecessor to end releases the step
				return;
			}
			predecessors.add(predecessor.get());
		}
		Optional<Task> stopper = predecessors.stream()
			.filter((task) -> task.status() != TaskStatus.SUCCESS)
			.findFirst();
		if (stopper.isPresent() && !links.get().evenAfterFailures()) {
			stopAfter(stopper.get(), WorkflowLinks.of(stopper.get()).orElseThrow());
			return;
		}
		Object results = links.get().gather() ? predecessors.stream().map(WorkflowReleaser::result).toList()
				: result(predecessors.get(0));
		this.engine.releaseWaiting(uuid, (current) -> released(current, results));
	}

	private static @Nullable Object result(Task predecessor) {
		return (predecessor.status() == TaskStatus.SUCCESS) ? predecessor.returning() : null;
	}

	private static @Nullable Task released(Task current, @Nullable Object results) {
		Optional<WorkflowLinks> links = WorkflowLinks.of(current);
		if (links.isEmpty() || !links.get().held()) {
			return null;
		}
		List<Object> args = new ArrayList<>(current.args());
		args.add(results);
		return links.get().released().applyTo(current.toBuilder().args(Collections.unmodifiableList(args)).build());
	}

	/**
	 * Ends every held step after a step that did not succeed (but for those that run even
	 * then, which are released when their turn comes), in order, so that a caller waiting
	 * for the last step finds the others ended too. The cancels made here tell this
	 * listener again on this thread; those calls leave the rest to this one, so that each
	 * reason names the step that stopped the workflow.
	 */
	private void stopAfter(Task stopper, WorkflowLinks links) {
		if (STOPPING.get() != null) {
			return;
		}
		String reason = "Step " + links.step() + " of workflow " + links.id() + " (task "
				+ LogSafe.text(stopper.taskName()) + ", " + stopper.uuid() + ") ended " + stopper.status().value();
		Set<UUID> runAnyway = new LinkedHashSet<>();
		STOPPING.set(stopper.uuid());
		try {
			for (UUID uuid : downstream(links, runAnyway)) {
				cancel(uuid, reason, stopper, links);
			}
		}
		finally {
			STOPPING.remove();
		}
		runAnyway.forEach(this::releaseIfReady);
	}

	private void cancel(UUID uuid, String reason, Task stopper, WorkflowLinks links) {
		try {
			this.engine.find(uuid)
				.filter((task) -> !task.isFinished())
				.ifPresent((task) -> this.engine.cancel(uuid, reason));
		}
		catch (RuntimeException ex) {
			logger.warn("Could not cancel step {} of workflow {} after {} ended {}: {}", uuid, links.id(),
					stopper.uuid(), stopper.status().value(), ex.toString());
		}
	}

	/**
	 * The steps after a step, directly or not, to cancel, in order; the steps that run
	 * even after a failure are put aside instead, and what follows them is theirs.
	 */
	private Set<UUID> downstream(WorkflowLinks links, Set<UUID> runAnyway) {
		Set<UUID> seen = new LinkedHashSet<>();
		Deque<UUID> next = new ArrayDeque<>(links.then());
		while (!next.isEmpty()) {
			UUID uuid = next.removeFirst();
			Optional<WorkflowLinks> later = this.engine.find(uuid).flatMap(WorkflowLinks::of);
			if (later.isPresent() && later.get().evenAfterFailures()) {
				runAnyway.add(uuid);
			}
			else if (seen.add(uuid)) {
				later.ifPresent((step) -> next.addAll(step.then()));
			}
		}
		return seen;
	}

}
