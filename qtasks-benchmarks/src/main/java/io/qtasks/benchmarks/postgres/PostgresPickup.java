package io.qtasks.benchmarks.postgres;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import io.qtasks.benchmarks.BenchmarkContext;
import io.qtasks.benchmarks.Pacing;
import io.qtasks.benchmarks.result.LatencyFigure;
import io.qtasks.benchmarks.result.LatencySamples;
import io.qtasks.benchmarks.result.Outcome;
import io.qtasks.benchmarks.result.PostgresSystem;

/**
 * Idle pickup on PostgreSQL, open loop: the producer sends single pickup tasks spaced 1-5
 * ms apart without waiting for any of them, from a node other than the worker's where the
 * system allows it; each sample runs from just before the enqueue call to the first line
 * of the task on the worker.
 *
 * @author QTasks contributors
 */
final class PostgresPickup {

	private final BenchmarkContext context;

	private final int concurrency;

	PostgresPickup(BenchmarkContext context) {
		this.context = context;
		this.concurrency = context.options().latencyConcurrency();
	}

	void run(PostgresSystem system, QueueUnderTest.Factory factory, int samples, int rounds, Duration wait) {
		PostgresProbe probe = new PostgresProbe();
		try (QueueUnderTest queue = factory.start(this.concurrency, probe)) {
			round(queue, probe, Math.min(samples, 50), wait);
			List<LatencySamples> measured = new ArrayList<>();
			for (int round = 1; round <= rounds; round++) {
				LatencySamples result = round(queue, probe, samples, wait);
				measured.add(result);
				this.context.log("%s idle pickup, round %d: p50 %.3f ms, p99 %.3f ms, max %.3f ms", system.label(),
						round, result.percentileMillis(50), result.percentileMillis(99), result.maxMillis());
			}
			this.context.results().postgres().pickup(system, Outcome.of(LatencyFigure.of(measured)));
		}
		catch (RuntimeException | InterruptedException ex) {
			if (ex instanceof InterruptedException) {
				Thread.currentThread().interrupt();
			}
			this.context.log("%s idle pickup failed: %s", system.label(), ex);
			this.context.results().postgres().pickup(system, Outcome.missing("failed: " + ex));
		}
	}

	private LatencySamples round(QueueUnderTest queue, PostgresProbe probe, int samples, Duration wait)
			throws InterruptedException {
		probe.expectStarts(samples);
		long[] sent = new long[samples];
		for (int i = 0; i < samples; i++) {
			Pacing.idlePause();
			sent[i] = System.nanoTime();
			queue.addPickup(i);
		}
		if (!probe.awaitStarts(wait)) {
			throw new IllegalStateException("Not every pickup task started within " + wait);
		}
		long[] nanos = new long[samples];
		for (int i = 0; i < samples; i++) {
			nanos[i] = probe.startOf(i) - sent[i];
		}
		if (!queue.awaitStored(wait)) {
			throw new IllegalStateException("Not every pickup task's outcome was stored within " + wait);
		}
		return new LatencySamples(nanos);
	}

}
