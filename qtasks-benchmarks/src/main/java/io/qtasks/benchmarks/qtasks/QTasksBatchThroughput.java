package io.qtasks.benchmarks.qtasks;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.qtasks.QTasks;
import io.qtasks.Task;
import io.qtasks.TaskRequest;
import io.qtasks.benchmarks.BenchmarkContext;
import io.qtasks.benchmarks.BenchmarkOptions;
import io.qtasks.benchmarks.redis.RedisAdmin;
import io.qtasks.benchmarks.result.EnqueueCost;
import io.qtasks.benchmarks.result.Outcome;
import io.qtasks.benchmarks.result.Spread;
import io.qtasks.benchmarks.result.SystemUnderTest;
import io.qtasks.benchmarks.result.TaskCost;
import io.qtasks.benchmarks.result.ThroughputRounds;

/**
 * The batch suite of one broker: throughput with one producer thread enqueueing in
 * batches ({@code QTasks.addAll}), and what a task costs (Redis commands, client round
 * trips, JVM CPU) with single and with batch enqueue, measured over the same kind of
 * rounds as the throughput suite.
 *
 * @author QTasks contributors
 */
public final class QTasksBatchThroughput {

	private final BenchmarkContext context;

	private final BenchmarkOptions options;

	private final SystemUnderTest system;

	private final QTasksBenchmarks suite;

	/**
	 * Creates the suite of one broker.
	 * @param context the run
	 * @param broker {@code memory} or {@code redis}
	 * @param suite the broker's other figures, whose nodes and checks it shares
	 */
	public QTasksBatchThroughput(BenchmarkContext context, String broker, QTasksBenchmarks suite) {
		this.context = context;
		this.options = context.options();
		this.system = SystemUnderTest.qtasks(broker);
		this.suite = suite;
	}

	/**
	 * Measures at every configured concurrency: a warm-up round, the measured rounds with
	 * batch enqueue, then one round with single enqueue for the cost comparison.
	 */
	public void run() {
		int batchSize = this.options.batchSize();
		this.context.results().batch().batchSize(batchSize);
		for (int concurrency : this.options.concurrency()) {
			if (this.suite.unavailable().isPresent()) {
				this.context.results()
					.batch()
					.throughput(this.system, concurrency, Outcome.missing(this.suite.unavailable().get()));
				continue;
			}
			this.context.log("%s batch enqueue (%d per batch), concurrency %d: warm-up", this.system.label(), batchSize,
					concurrency);
			try {
				round(concurrency, Math.max(1, this.suite.n() / 10), batchSize);
				ThroughputRounds rounds = new ThroughputRounds();
				List<Round> batched = new ArrayList<>();
				for (int i = 1; i <= this.options.rounds(); i++) {
					Round measured = round(concurrency, this.suite.n(), batchSize);
					batched.add(measured);
					rounds.add(measured.enqueuePerSecond, measured.endToEndPerSecond, null);
					this.context.log(
							"  round %d: enqueue %,.0f/s in batches, end to end %,.0f/s, %.2f round trips"
									+ " and %.0f µs of CPU per task",
							i, measured.enqueuePerSecond, measured.endToEndPerSecond, measured.roundTrips,
							measured.cpuMicros);
				}
				this.context.results().batch().throughput(this.system, concurrency, rounds.outcome("no round"));
				Round single = round(concurrency, this.suite.n(), 0);
				this.context.log("  single enqueue: end to end %,.0f/s, %.2f round trips and %.0f µs of CPU per task",
						single.endToEndPerSecond, single.roundTrips, single.cpuMicros);
				this.context.results().batch().cost(this.system, cost("single", concurrency, List.of(single)));
				this.context.results().batch().cost(this.system, cost("batches of " + batchSize, concurrency, batched));
			}
			catch (RuntimeException | InterruptedException ex) {
				this.suite.failed("batch throughput", ex);
				this.context.results().batch().throughput(this.system, concurrency, Outcome.missing("failed: " + ex));
			}
		}
		enqueueAlone(batchSize);
	}

	/**
	 * Enqueueing alone: a client-only node adds N tasks in batches while no worker runs,
	 * over the measured rounds, so that the producer's own rate and CPU show apart from
	 * the worker's.
	 */
	private void enqueueAlone(int batchSize) {
		if (this.suite.unavailable().isPresent()) {
			this.context.results().batch().enqueueAlone(this.system, Outcome.missing(this.suite.unavailable().get()));
			return;
		}
		this.context.log("%s enqueue alone in batches of %d, no worker", this.system.label(), batchSize);
		List<Double> rates = new ArrayList<>();
		double cpu = 0;
		double redisCpu = 0;
		try {
			enqueueOnly(Math.max(1, this.suite.n() / 10), batchSize);
			for (int i = 1; i <= this.options.rounds(); i++) {
				EnqueueRound round = enqueueOnly(this.suite.n(), batchSize);
				rates.add(round.perSecond());
				cpu += round.cpuMicros() / this.options.rounds();
				redisCpu += round.redisCpuMicros() / this.options.rounds();
				this.context.log("  round %d: %,.0f/s, %.0f µs of JVM CPU and %.0f µs of Redis CPU per task", i,
						round.perSecond(), round.cpuMicros(), round.redisCpuMicros());
			}
			this.context.results()
				.batch()
				.enqueueAlone(this.system, Outcome.of(new EnqueueCost(Spread.of(rates), cpu, redisCpu)));
		}
		catch (RuntimeException ex) {
			this.suite.failed("enqueue alone", ex);
			this.context.results().batch().enqueueAlone(this.system, Outcome.missing("failed: " + ex));
		}
	}

	private EnqueueRound enqueueOnly(int n, int batchSize) {
		String name = QTasksNode.newName();
		try (QTasksNode node = QTasksNode.start(this.suite.workerSpec(name, 1).clientOnly())) {
			QTasks qtasks = node.qtasks();
			long redisBefore = redisCpuMicros();
			long cpuBefore = cpuNanos();
			long start = System.nanoTime();
			enqueue(qtasks, new UUID[n], batchSize);
			long end = System.nanoTime();
			double cpuMicros = (cpuNanos() - cpuBefore) / 1e3 / n;
			return new EnqueueRound(n / seconds(end - start), cpuMicros, redisCpuPerTask(redisBefore, n));
		}
		finally {
			this.suite.cleanUp(name);
		}
	}

	private long redisCpuMicros() {
		return (this.system == SystemUnderTest.QTASKS_REDIS)
				? this.context.redis().map(RedisAdmin::cpuMicros).orElse(-1L) : -1;
	}

	private double redisCpuPerTask(long before, int n) {
		long after = redisCpuMicros();
		return (before < 0 || after < 0) ? 0 : (double) (after - before) / n;
	}

	/**
	 * One round on a fresh node: N no-op tasks, enqueued one by one ({@code batchSize} 0)
	 * or in batches, until all succeeded.
	 */
	private Round round(int concurrency, int n, int batchSize) throws InterruptedException {
		String name = QTasksNode.newName();
		try (QTasksNode node = QTasksNode.start(this.suite.workerSpec(name, concurrency))) {
			QTasks qtasks = node.qtasks();
			TaskProbe probe = node.probe();
			this.suite.runCounted(qtasks, probe, this.suite.readyBatch());
			Map<String, Long> before = this.suite.commandCalls();
			long clientBefore = ClientCommands.completed();
			long redisCpuBefore = redisCpuMicros();
			long cpuBefore = cpuNanos();
			probe.expect(n);
			UUID[] uuids = new UUID[n];
			long start = System.nanoTime();
			enqueue(qtasks, uuids, batchSize);
			long enqueued = System.nanoTime();
			if (!probe.awaitRuns(this.options.timeout())) {
				throw new IllegalStateException(String.format("%,d of %,d tasks ran within %ss",
						n - probe.missingRuns(), n, this.options.timeout().toSeconds()));
			}
			for (UUID last : probe.lastRuns()) {
				QTasksBenchmarks.requireSuccess(qtasks, last);
			}
			long end = System.nanoTime();
			double cpuMicros = (cpuNanos() - cpuBefore) / 1e3 / n;
			double roundTrips = (double) (ClientCommands.completed() - clientBefore) / n;
			double redisCpu = redisCpuPerTask(redisCpuBefore, n);
			Map<String, Long> commands = this.suite.commandsSince(before);
			end = Math.max(end, this.suite.verify(qtasks, uuids));
			double total = commands.values().stream().mapToLong(Long::longValue).sum();
			double scripts = commands.getOrDefault("evalsha", 0L) + commands.getOrDefault("eval", 0L);
			return new Round(n / seconds(enqueued - start), n / seconds(end - start), total / n, scripts / n,
					roundTrips, cpuMicros, redisCpu);
		}
		finally {
			this.suite.cleanUp(name);
		}
	}

	private static void enqueue(QTasks qtasks, UUID[] uuids, int batchSize) {
		if (batchSize == 0) {
			for (int i = 0; i < uuids.length; i++) {
				uuids[i] = qtasks.addTask(NoopTasks.COUNTED).uuid();
			}
			return;
		}
		for (int from = 0; from < uuids.length; from += batchSize) {
			int size = Math.min(batchSize, uuids.length - from);
			List<TaskRequest> batch = new ArrayList<>(size);
			for (int i = 0; i < size; i++) {
				batch.add(qtasks.task(NoopTasks.COUNTED));
			}
			List<Task> added = qtasks.addAll(batch);
			for (int i = 0; i < size; i++) {
				uuids[from + i] = added.get(i).uuid();
			}
		}
	}

	private static TaskCost cost(String enqueue, int concurrency, List<Round> rounds) {
		List<Double> rates = rounds.stream().map(Round::endToEndPerSecond).toList();
		return new TaskCost(enqueue, concurrency, Spread.of(rates), average(rounds, Round::redisCommands),
				average(rounds, Round::scriptCalls), average(rounds, Round::roundTrips),
				average(rounds, Round::cpuMicros), average(rounds, Round::redisCpuMicros));
	}

	private static double average(List<Round> rounds, java.util.function.ToDoubleFunction<Round> figure) {
		return rounds.stream().mapToDouble(figure).average().orElse(0);
	}

	private static long cpuNanos() {
		if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
			return os.getProcessCpuTime();
		}
		return 0;
	}

	private static double seconds(long nanos) {
		return nanos / 1e9;
	}

	private record Round(double enqueuePerSecond, double endToEndPerSecond, double redisCommands, double scriptCalls,
			double roundTrips, double cpuMicros, double redisCpuMicros) {

	}

	private record EnqueueRound(double perSecond, double cpuMicros, double redisCpuMicros) {

	}

}
