package io.qtasks.benchmarks.postgres;

import java.time.Duration;
import java.util.Locale;

import io.qtasks.benchmarks.BenchmarkContext;
import io.qtasks.benchmarks.result.EnqueueMode;
import io.qtasks.benchmarks.result.Outcome;
import io.qtasks.benchmarks.result.PostgresSystem;
import io.qtasks.benchmarks.result.ThroughputRounds;

/**
 * Throughput of one system on PostgreSQL in one enqueue mode at every concurrency: per
 * concurrency an unreported warm-up round of N/10, then the measured rounds, each on a
 * freshly started system with empty tables. One producer thread enqueues N counted no-op
 * tasks while the worker consumes; the clock stops once all ran and the system stored
 * every outcome.
 *
 * @author QTasks contributors
 */
final class PostgresThroughput {

	private final BenchmarkContext context;

	private final PostgresOptions options;

	private final Duration timeout;

	PostgresThroughput(BenchmarkContext context, Duration timeout) {
		this.context = context;
		this.options = context.options().postgres();
		this.timeout = timeout;
	}

	void run(PostgresSystem system, EnqueueMode mode, QueueUnderTest.Factory factory, int rounds) {
		for (int concurrency : this.options.concurrency()) {
			this.context.log("%s throughput (%s enqueue), concurrency %d: warm-up", system.label(), mode.label(),
					concurrency);
			try {
				round(factory, mode, concurrency, Math.max(1, this.options.n() / 10));
				ThroughputRounds measured = new ThroughputRounds();
				for (int round = 1; round <= rounds; round++) {
					Round result = round(factory, mode, concurrency, this.options.n());
					measured.add(result.enqueuePerSecond(), result.endToEndPerSecond(), result.unfinished());
					this.context.log("  round %d: enqueue %,.0f/s, end to end %,.0f/s%s", round,
							result.enqueuePerSecond(), result.endToEndPerSecond(),
							(result.unfinished() != null) ? " (" + result.unfinished() + ")" : "");
				}
				this.context.results().postgres().throughput(system, mode, concurrency, measured.outcome("no round"));
			}
			catch (RuntimeException | InterruptedException ex) {
				if (ex instanceof InterruptedException) {
					Thread.currentThread().interrupt();
				}
				this.context.log("%s throughput failed: %s", system.label(), ex);
				this.context.results()
					.postgres()
					.throughput(system, mode, concurrency, Outcome.missing("failed: " + ex));
			}
		}
	}

	private Round round(QueueUnderTest.Factory factory, EnqueueMode mode, int concurrency, int n)
			throws InterruptedException {
		PostgresProbe probe = new PostgresProbe();
		try (QueueUnderTest queue = factory.start(concurrency, probe)) {
			probe.expectRuns(n);
			long start = System.nanoTime();
			if (mode == EnqueueMode.BATCH) {
				for (int sent = 0; sent < n; sent += this.options.batchSize()) {
					queue.addBatch(Math.min(this.options.batchSize(), n - sent));
				}
			}
			else {
				for (int i = 0; i < n; i++) {
					queue.addOne();
				}
			}
			long enqueued = System.nanoTime();
			long deadline = start + this.timeout.toNanos();
			boolean ran = probe.awaitRuns(Duration.ofNanos(Math.max(0, deadline - System.nanoTime())));
			boolean stored = ran && queue.awaitStored(Duration.ofNanos(Math.max(0, deadline - System.nanoTime())));
			long end = System.nanoTime();
			long done = n - probe.missingRuns();
			String unfinished = stored ? null : String.format(Locale.ROOT, "capped at %ss: %,d of %,d tasks ran%s",
					this.timeout.toSeconds(), done, n, ran ? ", not all outcomes stored" : "");
			return new Round(n / seconds(enqueued - start), done / seconds(end - start), unfinished);
		}
	}

	private static double seconds(long nanos) {
		return nanos / 1e9;
	}

	private record Round(double enqueuePerSecond, double endToEndPerSecond, String unfinished) {

	}

}
