package io.qtasks.execution;

import io.qtasks.Task;
import io.qtasks.engine.TaskExtras;

/**
 * Decides whether a claimed task runs at all: one with a cancel request that came before
 * its claim ends as {@code cancel} at once, and a poison pill (a task whose workers died
 * under it the most times allowed) ends as {@code error} instead of being handed round
 * forever.
 *
 * @author QTasks contributors
 */
final class AdmissionLink implements ExecutionLink {

	private final int maxDeliveries;

	AdmissionLink(int maxDeliveries) {
		this.maxDeliveries = maxDeliveries;
	}

	@Override
	public RunOutcome execute(Execution execution, Chain next) throws Exception {
		String cancelRequest = execution.delivery.cancelRequest();
		if (cancelRequest != null) {
			return new RunOutcome.Cancelled(cancelRequest);
		}
		Task claimed = execution.delivery.task();
		int lost = TaskExtras.lostAttempts(claimed);
		if (lost >= this.maxDeliveries) {
			return new RunOutcome.Refused("Task " + claimed.uuid() + " ('" + claimed.taskName() + "') is not run again:"
					+ " the worker running it stopped before the attempt ended (it died or lost its claim) " + lost
					+ " time(s), the most a task may be delivered that way (max-deliveries " + this.maxDeliveries
					+ "). It may be a poison pill that kills its worker.");
		}
		return next.proceed();
	}

}
