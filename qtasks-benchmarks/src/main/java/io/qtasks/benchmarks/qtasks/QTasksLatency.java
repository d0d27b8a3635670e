package io.qtasks.benchmarks.qtasks;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import io.qtasks.QTasks;
import io.qtasks.Task;
import io.qtasks.TaskStatus;
import io.qtasks.benchmarks.BenchmarkContext;
import io.qtasks.benchmarks.Pacing;
import io.qtasks.benchmarks.result.LatencyFigure;
import io.qtasks.benchmarks.result.LatencySamples;
import io.qtasks.benchmarks.result.Outcome;
import io.qtasks.benchmarks.result.SystemUnderTest;

/**
 * The latency figures of one broker's {@link QTasksBenchmarks}: idle pickup and the
 * add-and-wait round trip.
 *
 * @author QTasks contributors
 */
final class QTasksLatency {

	private static final Duration WAIT = Duration.ofSeconds(30);

	/**
	 * Tasks run back to back before the latency rounds, so that the JIT has compiled the
	 * claim, run and completion paths (a hundred paced samples alone left the first round
	 * slower than the others).
	 */
	private static final int WARM_UP_BURST = 5_000;

	/**
	 * Paced samples after the burst, which warm the idle worker's wake-up path.
	 */
	private static final int WARM_UP_PACED = 200;

	private final BenchmarkContext context;

	private final SystemUnderTest system;

	private final QTasksBenchmarks suite;

	QTasksLatency(BenchmarkContext context, SystemUnderTest system, QTasksBenchmarks suite) {
		this.context = context;
		this.system = system;
		this.suite = suite;
	}

	/**
	 * Idle pickup: single tasks, each enqueued on an idle worker after a pause of 1-5 ms,
	 * from just before {@code addTask} to the first line of the task method.
	 */
	void pickup() {
		Optional<String> unavailable = this.suite.unavailable();
		if (unavailable.isPresent()) {
			this.context.results().pickup(this.system, Outcome.missing(unavailable.get()));
			return;
		}
		String name = QTasksNode.newName();
		try (QTasksNode node = QTasksNode
			.start(this.suite.workerSpec(name, this.context.options().latencyConcurrency()))) {
			List<LatencySamples> rounds = new ArrayList<>();
			this.suite.runCounted(node.qtasks(), node.probe(), WARM_UP_BURST);
			pickupRound(node, Math.min(WARM_UP_PACED, this.context.options().pickupSamples()));
			for (int round = 1; round <= this.context.options().rounds(); round++) {
				LatencySamples samples = pickupRound(node, this.context.options().pickupSamples());
				rounds.add(samples);
				this.context.log("%s idle pickup, round %d: p50 %.3f ms, p99 %.3f ms, max %.3f ms", this.system.label(),
						round, samples.percentileMillis(50), samples.percentileMillis(99), samples.maxMillis());
			}
			this.context.results().pickup(this.system, Outcome.of(LatencyFigure.of(rounds)));
		}
		catch (RuntimeException | InterruptedException ex) {
			this.suite.failed("idle pickup", ex);
			this.context.results().pickup(this.system, Outcome.missing("failed: " + ex));
		}
		finally {
			this.suite.cleanUp(name);
		}
	}

	private LatencySamples pickupRound(QTasksNode node, int samples) throws InterruptedException {
		QTasks qtasks = node.qtasks();
		long[] nanos = new long[samples];
		for (int i = 0; i < samples; i++) {
			Pacing.idlePause();
			long enqueued = System.nanoTime();
			Task task = qtasks.addTask(NoopTasks.PICKUP);
			Long started = node.probe().awaitStart(WAIT);
			if (started == null) {
				throw new IllegalStateException("A pickup task did not start within " + WAIT);
			}
			nanos[i] = started - enqueued;
			QTasksBenchmarks.requireSuccess(qtasks, task.uuid());
		}
		return new LatencySamples(nanos);
	}

	/**
	 * Add-and-wait round trip: {@code task("noop").addAndWait(...)} one after the other.
	 */
	void roundTrip() {
		Optional<String> unavailable = this.suite.unavailable();
		if (unavailable.isPresent()) {
			this.context.results().roundTrip(this.system, Outcome.missing(unavailable.get()));
			return;
		}
		String name = QTasksNode.newName();
		try (QTasksNode node = QTasksNode
			.start(this.suite.workerSpec(name, this.context.options().latencyConcurrency()))) {
			List<LatencySamples> rounds = new ArrayList<>();
			this.suite.runCounted(node.qtasks(), node.probe(), WARM_UP_BURST);
			roundTripRound(node.qtasks(), Math.min(WARM_UP_PACED, this.context.options().roundTrips()));
			for (int round = 1; round <= this.context.options().rounds(); round++) {
				LatencySamples samples = roundTripRound(node.qtasks(), this.context.options().roundTrips());
				rounds.add(samples);
				this.context.log("%s add-and-wait, round %d: p50 %.3f ms, p99 %.3f ms", this.system.label(), round,
						samples.percentileMillis(50), samples.percentileMillis(99));
			}
			this.context.results().roundTrip(this.system, Outcome.of(LatencyFigure.of(rounds)));
		}
		catch (RuntimeException | InterruptedException ex) {
			this.suite.failed("add-and-wait", ex);
			this.context.results().roundTrip(this.system, Outcome.missing("failed: " + ex));
		}
		finally {
			this.suite.cleanUp(name);
		}
	}

	private LatencySamples roundTripRound(QTasks qtasks, int samples) {
		long[] nanos = new long[samples];
		for (int i = 0; i < samples; i++) {
			long start = System.nanoTime();
			Task done = qtasks.task(NoopTasks.NOOP).addAndWait(WAIT);
			nanos[i] = System.nanoTime() - start;
			if (done.status() != TaskStatus.SUCCESS) {
				throw new IllegalStateException("add-and-wait returned " + done);
			}
		}
		return new LatencySamples(nanos);
	}

}
