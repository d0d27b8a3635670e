package io.qtasks.worker;

import java.time.Duration;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.qtasks.Task;
import io.qtasks.engine.LogSafe;
import io.qtasks.engine.TaskDelivery;
import io.qtasks.engine.TaskEngine;
import io.qtasks.engine.TaskExtras;
import io.qtasks.engine.TaskTransitions;
import io.qtasks.engine.spi.WriteResult;

/**
 * Gives claimed deliveries back to the engine when their run could not take place or
 * broke off without an outcome, so that no claim is left behind. The task waits a moment
 * before it is due again, so that a cause that lasts (an executor that rejects
 * everything, a node out of memory) does not hand it round in a hot loop. A cancel
 * requested meanwhile ends the task as {@code cancel} instead.
 *
 * @author QTasks contributors
 */
final class DeliveryReturns {

	private static final Logger logger = LoggerFactory.getLogger(QTasksWorker.class);

	private static final Duration PAUSE = Duration.ofSeconds(1);

	private final TaskEngine engine;

	DeliveryReturns(TaskEngine engine) {
		this.engine = engine;
	}

	/**
	 * Gives back a delivery that did not run: its attempt, if any, ended.
	 * @param delivery the delivery
	 * @param why what kept it from running
	 */
	void notRun(TaskDelivery delivery, String why) {
		Task record = this.engine.transitions().handedBack(delivery.task(), why);
		if (delivery.deliveries() > 1) {
			// no run started to record the delivery, so the record counts it here
			record = record.toBuilder().extra(TaskExtras.DELIVERIES, delivery.deliveries()).build();
		}
		giveBack(delivery, record, why);
	}

	/**
	 * Gives back a delivery whose run broke off: its attempt stays open and counts as
	 * lost.
	 * @param delivery the delivery
	 * @param failure what escaped the run
	 */
	void brokenOff(TaskDelivery delivery, Throwable failure) {
		String why = "its run broke off (" + failure + ")";
		try {
			Task current = this.engine.find(delivery.uuid()).orElse(delivery.task());
			giveBack(delivery, this.engine.transitions().brokenOff(current, why), why);
		}
		catch (RuntimeException ex) {
			keptClaimed(delivery, ex);
		}
	}

	private void giveBack(TaskDelivery delivery, Task record, String why) {
		TaskTransitions transitions = this.engine.transitions();
		try {
			WriteResult result = delivery.release(record, transitions.now().plus(PAUSE));
			if (result.kind() == WriteResult.Kind.CANCEL_REQUESTED) {
				delivery.complete(transitions.cancelled(record, result.cancelReason()));
				return;
			}
			if (!result.written()) {
				// the claim was lost: the task is another node's now
				return;
			}
			logger.warn("Task {} ({}) goes back to the queue for {}: {}", delivery.uuid(),
					LogSafe.text(delivery.task().taskName()), PAUSE, LogSafe.text(why));
		}
		catch (RuntimeException ex) {
			keptClaimed(delivery, ex);
		}
	}

	private static void keptClaimed(TaskDelivery delivery, RuntimeException failure) {
		logger.warn("Could not hand task {} back; it runs again once its claim runs out: {}", delivery.uuid(),
				failure.toString());
	}

}
