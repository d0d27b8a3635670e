package io.qtasks.worker;

import java.time.Duration;
import java.util.Map;
import java.util.Set;

import org.jspecify.annotations.Nullable;

/**
 * How a worker runs tasks.
 *
 * @param concurrency how many tasks run at once at most
 * @param shutdownTimeout how long stopping waits for running tasks before interrupting
 * them
 * @param virtualThreads whether tasks that name no executor run on virtual threads (JDK
 * 21+) rather than a fixed pool
 * @param unknownTaskTimeout how long the tasks of a name that no live node runs wait
 * before they end as {@code error} (on an engine that many nodes share)
 * @param queues the queues the worker claims from, or {@code null} for every queue
 * @param queueConcurrency how many tasks of a queue run at once at most, by queue, within
 * {@code concurrency}; a queue not named there is bounded by {@code concurrency} alone
 * @author QTasks contributors
 */
public record WorkerSettings(int concurrency, Duration shutdownTimeout, boolean virtualThreads,
		Duration unknownTaskTimeout, @Nullable Set<String> queues, Map<String, Integer> queueConcurrency) {

	/**
	 * Checks the settings.
	 */
	public WorkerSettings {
		if (concurrency < 1) {
			throw new IllegalArgumentException("the worker's concurrency must be at least 1, was " + concurrency);
		}
		if (shutdownTimeout.isNegative()) {
			throw new IllegalArgumentException("the shutdown timeout must not be negative, was " + shutdownTimeout);
		}
		if (unknownTaskTimeout.isNegative()) {
			throw new IllegalArgumentException(
					"the unknown task timeout must not be negative, was " + unknownTaskTimeout);
		}
		queues = (queues != null) ? Set.copyOf(queues) : null;
		if (queues != null && queues.isEmpty()) {
			throw new IllegalArgumentException("the worker must work at least one queue");
		}
		queueConcurrency = Map.copyOf(queueConcurrency);
		queueConcurrency.forEach((queue, slots) -> {
			if (slots < 1) {
				throw new IllegalArgumentException(
						"the concurrency of queue '" + queue + "' must be at least 1, was " + slots);
			}
		});
	}

	/**
	 * A builder starting from the defaults: concurrency 10, a 20 second shutdown timeout,
	 * platform threads, tasks that no node runs ended after 5 minutes.
	 * @return the builder
	 */
	public static Builder builder() {
		return new Builder();
	}

	/**
	 * Builds {@link WorkerSettings}.
	 */
	public static final class Builder {

		private int concurrency = 10;

		private Duration shutdownTimeout = Duration.ofSeconds(20);

		private boolean virtualThreads;

		private Duration unknownTaskTimeout = Duration.ofMinutes(5);

		private @Nullable Set<String> queues;

		private Map<String, Integer> queueConcurrency = Map.of();

		private Builder() {
		}

		public Builder concurrency(int concurrency) {
			this.concurrency = concurrency;
			return this;
		}

		public Builder shutdownTimeout(Duration shutdownTimeout) {
			this.shutdownTimeout = shutdownTimeout;
			return this;
		}

		public Builder virtualThreads(boolean virtualThreads) {
			this.virtualThreads = virtualThreads;
			return this;
		}

		public Builder unknownTaskTimeout(Duration unknownTaskTimeout) {
			this.unknownTaskTimeout = unknownTaskTimeout;
			return this;
		}

		public Builder queues(@Nullable Set<String> queues) {
			this.queues = queues;
			return this;
		}

		public Builder queueConcurrency(Map<String, Integer> queueConcurrency) {
			this.queueConcurrency = queueConcurrency;
			return this;
		}

		public WorkerSettings build() {
			return new WorkerSettings(this.concurrency, this.shutdownTimeout, this.virtualThreads,
					this.unknownTaskTimeout, this.queues, this.queueConcurrency);
		}

	}

}
