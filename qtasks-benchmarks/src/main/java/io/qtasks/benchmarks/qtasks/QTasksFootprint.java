package io.qtasks.benchmarks.qtasks;

import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import io.qtasks.benchmarks.BenchmarkContext;
import io.qtasks.benchmarks.result.FootprintFigure;
import io.qtasks.benchmarks.result.Outcome;
import io.qtasks.benchmarks.result.SystemUnderTest;

/**
 * The worker-heap figure of one broker's {@link QTasksBenchmarks}: how the heap of a busy
 * worker grows with the tasks queued behind its running ones.
 *
 * @author QTasks contributors
 */
final class QTasksFootprint {

	private static final Duration WAIT = Duration.ofSeconds(30);

	private static final long FLAT_LIMIT_BYTES_PER_TASK = 32;

	private static final int FOOTPRINT_STEPS = 4;

	private final BenchmarkContext context;

	private final String broker;

	private final SystemUnderTest system;

	private final QTasksBenchmarks suite;

	QTasksFootprint(BenchmarkContext context, String broker, SystemUnderTest system, QTasksBenchmarks suite) {
		this.context = context;
		this.broker = broker;
		this.system = system;
		this.suite = suite;
	}

	/**
	 * Worker heap under a deep queue: a worker node whose slots are all held by blocking
	 * tasks, while a client-only node (the same node on the memory broker, whose queue
	 * lives in its JVM) enqueues the configured number of no-op tasks in steps; after
	 * each step the used heap after a full GC is recorded. Both nodes share this JVM, so
	 * any growth is an upper bound of the worker's.
	 */
	void run() {
		if (!this.context.options().footprintBrokers().contains(this.broker)) {
			this.context.results()
				.footprint(this.system,
						Outcome.missing("memory".equals(this.broker)
								? "not meaningful: the memory broker keeps pending tasks in the heap by design"
								: "not selected (--footprint-brokers)"));
			return;
		}
		Optional<String> unavailable = this.suite.unavailable();
		if (unavailable.isPresent()) {
			this.context.results().footprint(this.system, Outcome.missing(unavailable.get()));
			return;
		}
		String name = QTasksNode.newName();
		int concurrency = this.context.options().latencyConcurrency();
		QTasksNode.Spec spec = this.suite.workerSpec(name, concurrency);
		QTasksNode worker = null;
		QTasksNode client = null;
		try {
			worker = QTasksNode.start(spec);
			client = "memory".equals(this.broker) ? worker : QTasksNode.start(spec.clientOnly());
			TaskProbe probe = worker.probe();
			probe.close();
			for (int i = 0; i < concurrency; i++) {
				client.qtasks().task(NoopTasks.BLOCK).priority(-1000).add();
			}
			if (!probe.awaitBlocked(concurrency, WAIT)) {
				throw new IllegalStateException("The worker did not take its " + concurrency + " blocking tasks");
			}
			List<FootprintFigure.Step> steps = new ArrayList<>();
			steps.add(new FootprintFigure.Step(0, usedHeapAfterGc()));
			int total = this.context.options().footprintTasks();
			long pending = 0;
			for (int step = 1; step <= FOOTPRINT_STEPS; step++) {
				long target = (long) total * step / FOOTPRINT_STEPS;
				for (; pending < target; pending++) {
					client.qtasks().addTask(NoopTasks.NOOP);
				}
				steps.add(new FootprintFigure.Step(pending, usedHeapAfterGc()));
				this.context.log("%s worker heap with %,d tasks pending: %,d KiB", this.system.label(), pending,
						steps.get(steps.size() - 1).usedHeapBytes() / 1024);
			}
			this.context.results()
				.footprint(this.system, Outcome.of(new FootprintFigure(steps, FLAT_LIMIT_BYTES_PER_TASK)));
		}
		catch (RuntimeException | InterruptedException ex) {
			this.suite.failed("worker heap", ex);
			this.context.results().footprint(this.system, Outcome.missing("failed: " + ex));
		}
		finally {
			if (worker != null) {
				worker.probe().open();
			}
			if (client != null && client != worker) {
				client.close();
			}
			if (worker != null) {
				worker.close();
			}
			this.suite.cleanUp(name);
		}
	}

	private static long usedHeapAfterGc() {
		for (int i = 0; i < 3; i++) {
			System.gc();
		}
		return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
	}

}
