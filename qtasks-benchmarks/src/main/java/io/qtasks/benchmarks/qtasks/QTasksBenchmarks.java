package io.qtasks.benchmarks.qtasks;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import io.qtasks.QTasks;
import io.qtasks.Task;
import io.qtasks.TaskStatus;
import io.qtasks.benchmarks.BenchmarkContext;
import io.qtasks.benchmarks.BenchmarkOptions;
import io.qtasks.benchmarks.Pacing;
import io.qtasks.benchmarks.redis.RedisAdmin;
import io.qtasks.benchmarks.result.LatencyFigure;
import io.qtasks.benchmarks.result.LatencySamples;
import io.qtasks.benchmarks.result.Outcome;
import io.qtasks.benchmarks.result.SystemUnderTest;
import io.qtasks.benchmarks.result.ThroughputRounds;

/**
 * The QTasks figures of one broker: throughput, idle pickup, add-and-wait round trip and
 * the worker heap under a deep queue. Everything goes through the public API of nodes
 * started from properties ({@link QTasksNode}).
 *
 * @author QTasks contributors
 */
public final class QTasksBenchmarks {

	/**
	 * Commands the harness itself sends to Redis while it counts commands.
	 */
	static final List<String> HARNESS_COMMANDS = List.of("info", "scan", "unlink", "dbsize", "script", "client",
			"hello", "select", "ping");

	private static final Duration WAIT = Duration.ofSeconds(30);

	/**
	 * Tasks run before a measurement starts, so the worker is up and its path warm.
	 */
	private static final int READY_BATCH = 100;

	private static final int VERIFIED_SAMPLE = 1000;

	private final BenchmarkContext context;

	private final BenchmarkOptions options;

	private final String broker;

	private final SystemUnderTest system;

	/**
	 * Creates the suite of one broker.
	 * @param context the run
	 * @param broker {@code memory} or {@code redis}
	 */
	public QTasksBenchmarks(BenchmarkContext context, String broker) {
		this.context = context;
		this.options = context.options();
		this.broker = broker;
		this.system = SystemUnderTest.qtasks(broker);
	}

	/**
	 * Why this broker cannot be measured, if it cannot.
	 * @return the reason, or empty
	 */
	public Optional<String> unavailable() {
		Optional<String> build = QTasksNode.unavailable(this.broker);
		if (build.isPresent() || !"redis".equals(this.broker) || this.context.redis().isPresent()) {
			return build;
		}
		return Optional.of(this.context.redisUnavailable());
	}

	/**
	 * Throughput at every configured concurrency: per concurrency a warm-up round, then
	 * the measured rounds, each on a fresh node.
	 */
	public void throughput() {
		Map<String, Long> commands = new TreeMap<>();
		long countedTasks = 0;
		for (int concurrency : this.options.concurrency()) {
			Optional<String> unavailable = unavailable();
			if (unavailable.isPresent()) {
				this.context.results().throughput(this.system, concurrency, Outcome.missing(unavailable.get()));
				continue;
			}
			this.context.log("%s throughput, concurrency %d: warm-up", this.system.label(), concurrency);
			try {
				throughputRound(concurrency, Math.max(1, n() / 10));
				ThroughputRounds rounds = new ThroughputRounds();
				for (int round = 1; round <= this.options.rounds(); round++) {
					Round measured = throughputRound(concurrency, n());
					if (measured.unfinished() != null) {
						rounds.note(measured.unfinished());
						this.context.log("  round %d: %s", round, measured.unfinished());
						break;
					}
					rounds.add(measured.enqueuePerSecond(), measured.endToEndPerSecond(), null);
					measured.commands().forEach((name, calls) -> commands.merge(name, calls, Long::sum));
					countedTasks += measured.commands().isEmpty() ? 0 : n();
					this.context.log("  round %d: enqueue %,.0f/s, end to end %,.0f/s", round,
							measured.enqueuePerSecond(), measured.endToEndPerSecond());
				}
				this.context.results().throughput(this.system, concurrency, rounds.outcome("no round finished"));
			}
			catch (RuntimeException | InterruptedException ex) {
				failed("throughput", ex);
				this.context.results().throughput(this.system, concurrency, Outcome.missing("failed: " + ex));
			}
		}
		if (countedTasks > 0) {
			long tasks = countedTasks;
			Map<String, Double> perTask = new TreeMap<>();
			commands.forEach((name, calls) -> perTask.put(name, (double) calls / tasks));
			this.context.results().commandsPerTask(this.system, perTask);
		}
	}

	private Round throughputRound(int concurrency, int n) throws InterruptedException {
		String name = QTasksNode.newName();
		try (QTasksNode node = QTasksNode.start(workerSpec(name, concurrency))) {
			QTasks qtasks = node.qtasks();
			TaskProbe probe = node.probe();
			runCounted(qtasks, probe, readyBatch());
			Map<String, Long> before = commandCalls();
			probe.expect(n);
			UUID[] uuids = new UUID[n];
			long start = System.nanoTime();
			for (int i = 0; i < n; i++) {
				uuids[i] = qtasks.addTask(NoopTasks.COUNTED).uuid();
			}
			long enqueued = System.nanoTime();
			if (!probe.awaitRuns(this.options.timeout())) {
				return Round.unfinished(String.format("%,d of %,d tasks ran within %ss", n - probe.missingRuns(), n,
						this.options.timeout().toSeconds()));
			}
			for (UUID last : probe.lastRuns()) {
				requireSuccess(qtasks, last);
			}
			long end = System.nanoTime();
			Map<String, Long> commands = commandsSince(before);
			end = Math.max(end, verify(qtasks, uuids));
			return new Round(n / seconds(enqueued - start), n / seconds(end - start), commands, null);
		}
		finally {
			cleanUp(name);
		}
	}

	/**
	 * Checks outcomes after the clock stopped: every record on the memory broker, a
	 * sample on Redis. A record still running would move the end of the round to its end.
	 * @return the time the last late record finished, or 0
	 */
	long verify(QTasks qtasks, UUID[] uuids) {
		List<UUID> checked = new ArrayList<>();
		if ("memory".equals(this.broker) || uuids.length <= VERIFIED_SAMPLE) {
			checked.addAll(List.of(uuids));
		}
		else {
			ThreadLocalRandom random = ThreadLocalRandom.current();
			for (int i = 0; i < VERIFIED_SAMPLE; i++) {
				checked.add(uuids[random.nextInt(uuids.length)]);
			}
			checked.add(uuids[uuids.length - 1]);
		}
		long lateEnd = 0;
		for (UUID uuid : checked) {
			Task task = qtasks.get(uuid).orElseThrow(() -> new IllegalStateException("Task " + uuid + " is gone"));
			if (!task.isFinished()) {
				requireSuccess(qtasks, uuid);
				lateEnd = System.nanoTime();
			}
			else if (task.status() != TaskStatus.SUCCESS) {
				throw new IllegalStateException("A no-op task ended as " + task.status() + ": " + task.traceback());
			}
		}
		return lateEnd;
	}

	void runCounted(QTasks qtasks, TaskProbe probe, int n) throws InterruptedException {
		probe.expect(n);
		for (int i = 0; i < n; i++) {
			qtasks.addTask(NoopTasks.COUNTED);
		}
		if (!probe.awaitRuns(WAIT)) {
			throw new IllegalStateException("The worker did not run " + n + " warm-up tasks within " + WAIT);
		}
		for (UUID last : probe.lastRuns()) {
			requireSuccess(qtasks, last);
		}
	}

	/**
	 * Idle pickup: single tasks, each enqueued on an idle worker after a pause of 1-5 ms,
	 * from just before {@code addTask} to the first line of the task method
	 * ({@link QTasksLatency}).
	 */
	public void pickup() {
		new QTasksLatency(this.context, this.system, this).pickup();
	}

	/**
	 * Add-and-wait round trip: {@code task("noop").addAndWait(...)} one after the other
	 * ({@link QTasksLatency}).
	 */
	public void roundTrip() {
		new QTasksLatency(this.context, this.system, this).roundTrip();
	}

	/**
	 * Worker heap under a deep queue ({@link QTasksFootprint}).
	 */
	public void footprint() {
		new QTasksFootprint(this.context, this.broker, this.system, this).run();
	}

	QTasksNode.Spec workerSpec(String name, int concurrency) {
		return QTasksNode.Spec.worker(name, this.broker, concurrency, this.options.redisUrl());
	}

	static void requireSuccess(QTasks qtasks, UUID uuid) {
		Task task = qtasks.waitResult(uuid, WAIT)
			.orElseThrow(() -> new IllegalStateException("Task " + uuid + " did not finish within " + WAIT));
		if (task.status() != TaskStatus.SUCCESS) {
			throw new IllegalStateException("A no-op task ended as " + task.status() + ": " + task.traceback());
		}
	}

	Map<String, Long> commandCalls() {
		return redisBroker() ? this.context.redis().map(RedisAdmin::commandCalls).orElse(Map.of()) : Map.of();
	}

	Map<String, Long> commandsSince(Map<String, Long> before) {
		if (!redisBroker() || before.isEmpty()) {
			return Map.of();
		}
		Map<String, Long> delta = new TreeMap<>();
		commandCalls().forEach((name, calls) -> {
			long count = calls - before.getOrDefault(name, 0L);
			if (count > 0 && !HARNESS_COMMANDS.contains(name)) {
				delta.put(name, count);
			}
		});
		return delta;
	}

	private boolean redisBroker() {
		return "redis".equals(this.broker);
	}

	void cleanUp(String name) {
		if (redisBroker()) {
			this.context.redis().ifPresent((redis) -> redis.deleteMatching("*" + name + "*"));
		}
	}

	int readyBatch() {
		return Math.max(1, Math.min(READY_BATCH, n() / 10));
	}

	void failed(String figure, Exception ex) {
		if (ex instanceof InterruptedException) {
			Thread.currentThread().interrupt();
		}
		this.context.log("%s %s failed: %s", this.system.label(), figure, ex);
	}

	private static double seconds(long nanos) {
		return nanos / 1e9;
	}

	private record Round(double enqueuePerSecond, double endToEndPerSecond, Map<String, Long> commands,
			String unfinished) {

		static Round unfinished(String why) {
			return new Round(0, 0, Map.of(), why);
		}

	}

	/**
	 * The tasks of a throughput round: on Redis the smaller N, as for Celery.
	 */
	int n() {
		return (this.system == SystemUnderTest.QTASKS_REDIS) ? this.options.redisN() : this.options.n();
	}

}
