package io.qtasks.worker;

import java.time.Duration;

import io.qtasks.engine.TaskEngine;
import io.qtasks.workflow.WorkflowReleaser;

/**
 * Moves on, every few seconds, the workflows that a node left behind when it died between
 * storing a step's outcome and releasing the steps after it; on an engine that many nodes
 * share (on the memory engine such a death takes the workflow with it).
 *
 * @author QTasks contributors
 */
final class WorkflowSweeper extends PeriodicPart {

	private static final Duration INTERVAL = Duration.ofSeconds(5);

	/** How many of the newest {@code new} records one run looks at. */
	private static final int NEWEST = 1000;

	private final WorkflowReleaser releaser;

	WorkflowSweeper(TaskEngine engine) {
		super("qtasks-workflows");
		this.releaser = new WorkflowReleaser(engine);
	}

	@Override
	Duration interval() {
		return INTERVAL;
	}

	@Override
	void tick() {
		this.releaser.sweep(NEWEST);
	}

}
