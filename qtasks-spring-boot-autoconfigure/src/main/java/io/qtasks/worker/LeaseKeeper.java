package io.qtasks.worker;

import java.time.Duration;
import java.util.Set;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.qtasks.engine.LogSafe;
import io.qtasks.engine.TaskDelivery;
import io.qtasks.engine.TaskEngine;

/**
 * Keeps the claims of the tasks this worker holds: extends them every renewal interval of
 * the engine, on a thread of its own, and stops at once the runs whose claim was lost
 * (they may still finish, but what they write is refused).
 *
 * @author QTasks contributors
 */
final class LeaseKeeper extends PeriodicPart {

	private static final Logger logger = LoggerFactory.getLogger(LeaseKeeper.class);

	private final TaskEngine engine;

	private final RunningTasks running;

	private final Duration interval;

	LeaseKeeper(TaskEngine engine, RunningTasks running, Duration interval) {
		super("qtasks-lease-keeper");
		this.engine = engine;
		this.running = running;
		this.interval = interval;
	}

	@Override
	Duration interval() {
		return this.interval;
	}

	@Override
	void tick() {
		Set<TaskDelivery> lost = this.engine.extend(this.running.deliveries());
		for (TaskDelivery delivery : lost) {
			// a run that is storing its outcome ended the claim itself
			if (!delivery.isEnding() && this.running.loseClaim(delivery)) {
				logger.warn(
						"The claim on task {} ({}) was lost: its lease ran out and the task went back to the"
								+ " queue; this node's run is stopped and what it records is discarded",
						delivery.uuid(), LogSafe.text(delivery.task().taskName()));
			}
		}
	}

}
