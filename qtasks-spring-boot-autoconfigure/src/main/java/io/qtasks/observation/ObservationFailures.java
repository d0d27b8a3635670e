package io.qtasks.observation;

import java.util.concurrent.atomic.AtomicBoolean;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reports an observation handler that throws. A task's observation must never decide its
 * fate: the task goes on unobserved, the first failure is logged with its stack trace and
 * the later ones only at debug level.
 *
 * @author QTasks contributors
 */
public final class ObservationFailures {

	private static final Logger logger = LoggerFactory.getLogger(ObservationFailures.class);

	private static final AtomicBoolean reported = new AtomicBoolean();

	private ObservationFailures() {
	}

	/**
	 * Reports a failure of an observation handler.
	 * @param what what was being done, such as {@code "start the execution of task x"}
	 * @param failure what the handler threw
	 */
	public static void report(String what, RuntimeException failure) {
		if (reported.compareAndSet(false, true)) {
			logger.warn("An observation handler failed to {}; tasks go on without that observation (later failures"
					+ " are logged at debug level)", what, failure);
		}
		else {
			logger.debug("An observation handler failed to {}: {}", what, failure.toString());
		}
	}

}
