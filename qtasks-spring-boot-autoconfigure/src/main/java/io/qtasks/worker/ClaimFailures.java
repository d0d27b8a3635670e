package io.qtasks.worker;

import java.time.Duration;
import java.time.Instant;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.core.NestedExceptionUtils;

/**
 * Tells of a dispatcher that cannot claim from its engine: the first failure in a row is
 * an error with its stack trace, a one-line reminder follows at most once a minute while
 * it lasts, and one line says when claiming works again.
 *
 * @author QTasks contributors
 */
final class ClaimFailures {

	private static final Logger logger = LoggerFactory.getLogger(QTasksWorker.class);

	private static final Duration REMINDER = Duration.ofMinutes(1);

	private final String workerId;

	private final String engineType;

	private final Duration retryPause;

	private volatile @Nullable BrokerFailure current;

	private @Nullable Instant lastLog;

	ClaimFailures(String workerId, String engineType, Duration retryPause) {
		this.workerId = workerId;
		this.engineType = engineType;
		this.retryPause = retryPause;
	}

	@Nullable BrokerFailure current() {
		return this.current;
	}

	void failed(RuntimeException failure) {
		Instant now = Instant.now();
		BrokerFailure previous = this.current;
		this.current = new BrokerFailure((previous != null) ? previous.since() : now, failure);
		if (previous == null) {
			this.lastLog = now;
			logger.error("QTasks worker {} cannot receive tasks from the {} broker; trying again every {}",
					this.workerId, this.engineType, this.retryPause, failure);
		}
		else if (this.lastLog == null || !now.isBefore(this.lastLog.plus(REMINDER))) {
			this.lastLog = now;
			logger.warn("QTasks worker {} still cannot receive tasks from the {} broker (since {}): {}", this.workerId,
					this.engineType, previous.since(), NestedExceptionUtils.getMostSpecificCause(failure).toString());
		}
	}

	void succeeded() {
		BrokerFailure previous = this.current;
		if (previous != null) {
			logger.info("QTasks worker {} receives tasks from the {} broker again (it could not since {})",
					this.workerId, this.engineType, previous.since());
			this.current = null;
		}
	}

	void reset() {
		this.current = null;
	}

}
