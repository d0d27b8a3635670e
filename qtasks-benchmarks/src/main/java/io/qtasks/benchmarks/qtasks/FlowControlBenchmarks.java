package io.qtasks.benchmarks.qtasks;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import io.qtasks.QTasks;
import io.qtasks.Task;
import io.qtasks.TaskStatus;
import io.qtasks.benchmarks.BenchmarkContext;
import io.qtasks.benchmarks.BenchmarkOptions;
import io.qtasks.benchmarks.result.FlowFigure;
import io.qtasks.benchmarks.result.LatencyFigure;
import io.qtasks.benchmarks.result.LatencySamples;
import io.qtasks.benchmarks.result.Outcome;
import io.qtasks.benchmarks.result.Spread;
import io.qtasks.benchmarks.result.SystemUnderTest;

/**
 * The flow control figure of one broker: throughput of a task capped at
 * {@value NoopTasks#CAP} runs beside the same task without a cap, and the round trip of a
 * task under a cap and a rate it never reaches beside one without limits. Each round runs
 * on a fresh node.
 *
 * @author QTasks contributors
 */
public final class FlowControlBenchmarks {

	private static final Duration WAIT = Duration.ofSeconds(30);

	private static final int CONCURRENCY = 16;

	private static final int WARM_UP = 100;

	private final BenchmarkContext context;

	private final BenchmarkOptions options;

	private final String broker;

	private final SystemUnderTest system;

	/**
	 * Creates the figure's suite for one broker.
	 * @param context the run
	 * @param broker {@code memory} or {@code redis}
	 */
	public FlowControlBenchmarks(BenchmarkContext context, String broker) {
		this.context = context;
		this.options = context.options();
		this.broker = broker;
		this.system = SystemUnderTest.qtasks(broker);
	}

	/**
	 * Measures the figure, or records why it could not be.
	 * @param unavailable why the broker cannot be measured, if it cannot
	 */
	public void run(Optional<String> unavailable) {
		if (unavailable.isPresent()) {
			this.context.results().flow(this.system, Outcome.missing(unavailable.get()));
			return;
		}
		try {
			int n = tasksPerRound();
			List<Double> uncapped = new ArrayList<>();
			List<Double> capped = new ArrayList<>();
			List<LatencySamples> unlimited = new ArrayList<>();
			List<LatencySamples> unreached = new ArrayList<>();
			for (int round = 1; round <= this.options.rounds(); round++) {
				uncapped.add(throughput(NoopTasks.COUNTED, n));
				capped.add(throughput(NoopTasks.CAPPED, n));
				unlimited.add(roundTrips(NoopTasks.NOOP));
				unreached.add(roundTrips(NoopTasks.UNREACHED));
				this.context.log(
						"%s flow control, round %d: %,.0f/s uncapped, %,.0f/s capped at %d; add-and-wait p50 %.3f ms"
								+ " without limits, %.3f ms with unreached ones",
						this.system.label(), round, uncapped.get(round - 1), capped.get(round - 1), NoopTasks.CAP,
						unlimited.get(round - 1).percentileMillis(50), unreached.get(round - 1).percentileMillis(50));
			}
			this.context.results()
				.flow(this.system, Outcome.of(new FlowFigure(CONCURRENCY, NoopTasks.CAP, n, Spread.of(uncapped),
						Spread.of(capped), LatencyFigure.of(unlimited), LatencyFigure.of(unreached))));
		}
		catch (RuntimeException | InterruptedException ex) {
			if (ex instanceof InterruptedException) {
				Thread.currentThread().interrupt();
			}
			this.context.log("%s flow control failed: %s", this.system.label(), ex);
			this.context.results().flow(this.system, Outcome.missing("failed: " + ex));
		}
	}

	/**
	 * End-to-end tasks per second of {@code n} tasks of one name on a fresh node.
	 */
	private double throughput(String taskName, int n) throws InterruptedException {
		String name = QTasksNode.newName();
		try (QTasksNode node = QTasksNode.start(spec(name))) {
			QTasks qtasks = node.qtasks();
			TaskProbe probe = node.probe();
			runAll(qtasks, probe, taskName, Math.min(WARM_UP, n));
			long start = System.nanoTime();
			runAll(qtasks, probe, taskName, n);
			return n / ((System.nanoTime() - start) / 1e9);
		}
		finally {
			cleanUp(name);
		}
	}

	private static void runAll(QTasks qtasks, TaskProbe probe, String taskName, int n) throws InterruptedException {
		probe.expect(n);
		for (int i = 0; i < n; i++) {
			qtasks.addTask(taskName);
		}
		if (!probe.awaitRuns(WAIT)) {
			throw new IllegalStateException(
					(n - probe.missingRuns()) + " of " + n + " tasks " + taskName + " ran within " + WAIT);
		}
		for (UUID last : probe.lastRuns()) {
			Task task = qtasks.waitResult(last, WAIT).orElseThrow();
			if (task.status() != TaskStatus.SUCCESS) {
				throw new IllegalStateException("A no-op task ended as " + task.status() + ": " + task.traceback());
			}
		}
	}

	/**
	 * Add-and-wait round trips of one task name, one after the other, on a fresh node.
	 */
	private LatencySamples roundTrips(String taskName) {
		String name = QTasksNode.newName();
		try (QTasksNode node = QTasksNode.start(spec(name))) {
			int samples = this.options.roundTrips();
			for (int i = 0; i < Math.min(200, samples); i++) {
				node.qtasks().task(taskName).addAndWait(WAIT);
			}
			long[] nanos = new long[samples];
			for (int i = 0; i < samples; i++) {
				long start = System.nanoTime();
				Task done = node.qtasks().task(taskName).addAndWait(WAIT);
				nanos[i] = System.nanoTime() - start;
				if (done.status() != TaskStatus.SUCCESS) {
					throw new IllegalStateException("add-and-wait returned " + done);
				}
			}
			return new LatencySamples(nanos);
		}
		finally {
			cleanUp(name);
		}
	}

	private QTasksNode.Spec spec(String name) {
		return QTasksNode.Spec.worker(name, this.broker, CONCURRENCY, this.options.redisUrl());
	}

	/**
	 * A fifth of the broker's throughput N: the capped rounds run at the cap's pace.
	 */
	private int tasksPerRound() {
		int n = (this.system == SystemUnderTest.QTASKS_REDIS) ? this.options.redisN() : this.options.n();
		return Math.max(1, n / 5);
	}

	private void cleanUp(String name) {
		if ("redis".equals(this.broker)) {
			this.context.redis().ifPresent((redis) -> redis.deleteMatching("*" + name + "*"));
		}
	}

}
