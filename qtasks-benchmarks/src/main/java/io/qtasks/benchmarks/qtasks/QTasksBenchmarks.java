package io.qtasks.benchmarks.qtasks;

import java.lang.management.ManagementFactory;
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
import io.qtasks.benchmarks.result.FootprintFigure;
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

	private static final long FLAT_LIMIT_BYTES_PER_TASK = 32;

	private static final int FOOTPRINT_STEPS = 4;

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
	private long verify(QTasks qtasks, UUID[] uuids) {
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

	private void runCounted(QTasks qtasks, TaskProbe probe, int n) throws InterruptedException {
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
	 * from just before {@code addTask} to the first line of the task method.
	 */
	public void pickup() {
		Optional<String> unavailable = unavailable();
		if (unavailable.isPresent()) {
			this.context.results().pickup(this.system, Outcome.missing(unavailable.get()));
			return;
		}
		String name = QTasksNode.newName();
		try (QTasksNode node = QTasksNode.start(workerSpec(name, this.options.latencyConcurrency()))) {
			List<LatencySamples> rounds = new ArrayList<>();
			pickupRound(node, Math.min(100, this.options.pickupSamples()));
			for (int round = 1; round <= this.options.rounds(); round++) {
				LatencySamples samples = pickupRound(node, this.options.pickupSamples());
				rounds.add(samples);
				this.context.log("%s idle pickup, round %d: p50 %.3f ms, p99 %.3f ms, max %.3f ms", this.system.label(),
						round, samples.percentileMillis(50), samples.percentileMillis(99), samples.maxMillis());
			}
			this.context.results().pickup(this.system, Outcome.of(LatencyFigure.of(rounds)));
		}
		catch (RuntimeException | InterruptedException ex) {
			failed("idle pickup", ex);
			this.context.results().pickup(this.system, Outcome.missing("failed: " + ex));
		}
		finally {
			cleanUp(name);
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
			requireSuccess(qtasks, task.uuid());
		}
		return new LatencySamples(nanos);
	}

	/**
	 * Add-and-wait round trip: {@code task("noop").addAndWait(...)} one after the other.
	 */
	public void roundTrip() {
		Optional<String> unavailable = unavailable();
		if (unavailable.isPresent()) {
			this.context.results().roundTrip(this.system, Outcome.missing(unavailable.get()));
			return;
		}
		String name = QTasksNode.newName();
		try (QTasksNode node = QTasksNode.start(workerSpec(name, this.options.latencyConcurrency()))) {
			List<LatencySamples> rounds = new ArrayList<>();
			roundTripRound(node.qtasks(), Math.min(200, this.options.roundTrips()));
			for (int round = 1; round <= this.options.rounds(); round++) {
				LatencySamples samples = roundTripRound(node.qtasks(), this.options.roundTrips());
				rounds.add(samples);
				this.context.log("%s add-and-wait, round %d: p50 %.3f ms, p99 %.3f ms", this.system.label(), round,
						samples.percentileMillis(50), samples.percentileMillis(99));
			}
			this.context.results().roundTrip(this.system, Outcome.of(LatencyFigure.of(rounds)));
		}
		catch (RuntimeException ex) {
			failed("add-and-wait", ex);
			this.context.results().roundTrip(this.system, Outcome.missing("failed: " + ex));
		}
		finally {
			cleanUp(name);
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

	/**
	 * Worker heap under a deep queue: a worker node whose slots are all held by blocking
	 * tasks, while a client-only node (the same node on the memory broker, whose queue
	 * lives in its JVM) enqueues the configured number of no-op tasks in steps; after
	 * each step the used heap after a full GC is recorded. Both nodes share this JVM, so
	 * any growth is an upper bound of the worker's.
	 */
	public void footprint() {
		if (!this.options.footprintBrokers().contains(this.broker)) {
			this.context.results()
				.footprint(this.system,
						Outcome.missing("memory".equals(this.broker)
								? "not meaningful: the memory broker keeps pending tasks in the heap by design"
								: "not selected (--footprint-brokers)"));
			return;
		}
		Optional<String> unavailable = unavailable();
		if (unavailable.isPresent()) {
			this.context.results().footprint(this.system, Outcome.missing(unavailable.get()));
			return;
		}
		String name = QTasksNode.newName();
		int concurrency = this.options.latencyConcurrency();
		QTasksNode.Spec spec = workerSpec(name, concurrency);
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
			int total = this.options.footprintTasks();
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
			failed("worker heap", ex);
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
			cleanUp(name);
		}
	}

	private static long usedHeapAfterGc() {
		for (int i = 0; i < 3; i++) {
			System.gc();
		}
		return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
	}

	private QTasksNode.Spec workerSpec(String name, int concurrency) {
		return QTasksNode.Spec.worker(name, this.broker, concurrency, this.options.redisUrl());
	}

	private static void requireSuccess(QTasks qtasks, UUID uuid) {
		Task task = qtasks.waitResult(uuid, WAIT)
			.orElseThrow(() -> new IllegalStateException("Task " + uuid + " did not finish within " + WAIT));
		if (task.status() != TaskStatus.SUCCESS) {
			throw new IllegalStateException("A no-op task ended as " + task.status() + ": " + task.traceback());
		}
	}

	private Map<String, Long> commandCalls() {
		return redisBroker() ? this.context.redis().map(RedisAdmin::commandCalls).orElse(Map.of()) : Map.of();
	}

	private Map<String, Long> commandsSince(Map<String, Long> before) {
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

	private void cleanUp(String name) {
		if (redisBroker()) {
			this.context.redis().ifPresent((redis) -> redis.deleteMatching("*" + name + "*"));
		}
	}

	private int readyBatch() {
		return Math.max(1, Math.min(READY_BATCH, n() / 10));
	}

	private void failed(String figure, Exception ex) {
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
	private int n() {
		return (this.system == SystemUnderTest.QTASKS_REDIS) ? this.options.redisN() : this.options.n();
	}

}
