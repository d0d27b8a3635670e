package io.qtasks.benchmarks.celery;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import io.qtasks.benchmarks.BenchmarkContext;
import io.qtasks.benchmarks.BenchmarkOptions;
import io.qtasks.benchmarks.result.LatencyFigure;
import io.qtasks.benchmarks.result.LatencySamples;
import io.qtasks.benchmarks.result.Outcome;
import io.qtasks.benchmarks.result.SystemUnderTest;
import io.qtasks.benchmarks.result.ThroughputRounds;

/**
 * The Celery peer: runs the bundled {@code celery_bench.py} (Debian's python3-celery and
 * python3-redis, Redis as broker and result backend, on the benchmark database) and reads
 * the JSON it writes.
 *
 * @author QTasks contributors
 */
public final class CeleryBenchmarks {

	private static final String SCRIPT = "celery/celery_bench.py";

	private final BenchmarkContext context;

	private final BenchmarkOptions options;

	/**
	 * Creates the suite.
	 * @param context the run
	 */
	public CeleryBenchmarks(BenchmarkContext context) {
		this.context = context;
		this.options = context.options();
	}

	/**
	 * Runs Celery's throughput and round-trip figures.
	 */
	public void run() {
		String unavailable = unavailable();
		if (unavailable != null) {
			missing(unavailable);
			return;
		}
		Path workDir = null;
		try {
			workDir = Files.createTempDirectory("qtasks-bench-celery");
			Path script = workDir.resolve("celery_bench.py");
			try (InputStream in = CeleryBenchmarks.class.getClassLoader().getResourceAsStream(SCRIPT)) {
				Files.copy(in, script);
			}
			Path out = workDir.resolve("result.json");
			List<String> command = List.of(this.options.python(), script.toString(), "--redis-url",
					this.options.redisUrl().toString(), "--n", String.valueOf(this.options.redisN()), "--concurrency",
					this.options.concurrency().stream().map(String::valueOf).collect(Collectors.joining(",")),
					"--latency-concurrency", String.valueOf(this.options.latencyConcurrency()), "--rounds",
					String.valueOf(this.options.peerRounds()), "--round-trips",
					String.valueOf(this.options.roundTrips()), "--pool", this.options.celeryPool(), "--timeout",
					String.valueOf(this.options.peerTimeout().toSeconds()), "--out", out.toString());
			this.context.log("Celery: %s", String.join(" ", command));
			Process process = new ProcessBuilder(command).directory(workDir.toFile())
				.redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
				.redirectOutput(ProcessBuilder.Redirect.INHERIT)
				.redirectError(ProcessBuilder.Redirect.INHERIT)
				.start();
			Duration limit = this.options.peerTimeout()
				.multipliedBy(2L * (this.options.concurrency().size() + 1L) * this.options.peerRounds())
				.plusMinutes(5);
			if (!process.waitFor(limit.toSeconds(), TimeUnit.SECONDS)) {
				process.descendants().forEach(ProcessHandle::destroyForcibly);
				process.destroyForcibly();
				throw new IllegalStateException("the Celery benchmark took longer than " + limit);
			}
			if (!Files.exists(out)) {
				throw new IllegalStateException(
						"the Celery benchmark exited with " + process.exitValue() + " and wrote no result");
			}
			read(JsonMapper.builder().build().readTree(out.toFile()), process.exitValue());
		}
		catch (IOException | RuntimeException ex) {
			this.context.log("Celery failed: %s", ex);
			missing("failed: " + ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			missing("interrupted");
		}
		finally {
			this.context.redis().ifPresent((redis) -> {
				long deleted = redis.deleteMatching("celery*") + redis.deleteMatching("_kombu.*")
						+ redis.deleteMatching("unacked*");
				this.context.log("Celery: deleted its %d key(s) from the benchmark database", deleted);
			});
			deleteQuietly(workDir);
		}
	}

	private String unavailable() {
		if (this.context.redis().isEmpty()) {
			return this.context.redisUnavailable();
		}
		try {
			Process check = new ProcessBuilder(this.options.python(), "-c", "import celery, redis")
				.redirectErrorStream(true)
				.start();
			String output = new String(check.getInputStream().readAllBytes());
			if (!check.waitFor(60, TimeUnit.SECONDS) || check.exitValue() != 0) {
				return "not available: " + this.options.python()
						+ " cannot import celery and redis (apt-get install -y python3-celery python3-redis): "
						+ output.strip();
			}
			return null;
		}
		catch (IOException ex) {
			return "not available: cannot run " + this.options.python() + " (" + ex.getMessage() + ")";
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return "interrupted";
		}
	}

	private void read(JsonNode result, int exitValue) {
		String pool = result.path("pool").asString();
		this.context.results()
			.environment("Celery", result.path("celeryVersion").asString() + " (Python "
					+ result.path("python").asString() + ", " + pool + " pool)");
		this.context.results()
			.methodNote("Celery: " + pool + " pool with --concurrency = the worker concurrency, Redis as broker and"
					+ " result backend (results stored, as QTasks stores records), worker started with"
					+ " --without-heartbeat --without-gossip --without-mingle, other settings Celery's defaults"
					+ " (prefetch multiplier 4). One producer calls apply_async without subscribing to each result"
					+ " channel; a task counts as done when its result is stored (polled with EXISTS in id order"
					+ " every 2 ms). A throughput round stops after " + this.options.peerTimeout().toSeconds()
					+ " s (--peer-timeout) and reports the tasks stored by then. The round trip is"
					+ " noop.delay().get(). Redis commands per task are counted over the warm-up rounds.");
		for (int concurrency : this.options.concurrency()) {
			JsonNode rounds = result.path("throughput").path(String.valueOf(concurrency));
			ThroughputRounds measured = new ThroughputRounds();
			for (JsonNode round : rounds) {
				measured.add(round.path("enqueued").asDouble() / round.path("enqueueSeconds").asDouble(),
						round.path("completed").asDouble() / round.path("endToEndSeconds").asDouble(),
						round.hasNonNull("note") ? round.path("note").asString() : null);
			}
			this.context.results()
				.throughput(SystemUnderTest.CELERY, concurrency,
						measured.outcome("no result (exit code " + exitValue + ")"));
		}
		List<LatencySamples> roundTrips = new ArrayList<>();
		for (JsonNode round : result.path("roundTripMillis")) {
			long[] nanos = new long[round.size()];
			for (int i = 0; i < nanos.length; i++) {
				nanos[i] = Math.round(round.get(i).asDouble() * 1_000_000);
			}
			if (nanos.length > 0) {
				roundTrips.add(new LatencySamples(nanos));
			}
		}
		this.context.results()
			.roundTrip(SystemUnderTest.CELERY,
					roundTrips.isEmpty() ? Outcome.missing("no result (exit code " + exitValue + ")")
							: Outcome.of(LatencyFigure.of(roundTrips)));
		Map<String, Double> commands = new TreeMap<>();
		for (Iterator<Map.Entry<String, JsonNode>> it = result.path("commandsPerTask").properties().iterator(); it
			.hasNext();) {
			Map.Entry<String, JsonNode> entry = it.next();
			commands.put(entry.getKey(), entry.getValue().asDouble());
		}
		if (!commands.isEmpty()) {
			this.context.results().commandsPerTask(SystemUnderTest.CELERY, commands);
		}
	}

	private void missing(String reason) {
		for (int concurrency : this.options.concurrency()) {
			this.context.results().throughput(SystemUnderTest.CELERY, concurrency, Outcome.missing(reason));
		}
		this.context.results().roundTrip(SystemUnderTest.CELERY, Outcome.missing(reason));
	}

	private static void deleteQuietly(Path dir) {
		if (dir == null) {
			return;
		}
		try (var files = Files.walk(dir)) {
			files.sorted(Comparator.reverseOrder()).forEach((path) -> path.toFile().delete());
		}
		catch (IOException ex) {
			// a temp directory left behind is harmless
		}
	}

}
