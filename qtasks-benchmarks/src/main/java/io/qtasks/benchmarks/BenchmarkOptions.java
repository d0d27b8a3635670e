package io.qtasks.benchmarks;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * What one benchmark run measures and how much: parsed from {@code --name=value}
 * arguments. {@code --quick} starts from smaller defaults that later arguments may still
 * override.
 *
 * @author QTasks contributors
 */
public final class BenchmarkOptions {

	/**
	 * Every suite the harness knows, in the order it runs them.
	 */
	public static final List<String> SUITES = List.of("throughput", "pickup", "roundtrip", "footprint", "flow",
			"jobrunr", "celery", "ceiling");

	private static final Map<String, String> HELP = new LinkedHashMap<>();

	static {
		HELP.put("quick", "smaller defaults for a run of a few minutes (N=10000, 2 rounds, fewer samples)");
		HELP.put("n", "tasks per throughput round in memory: QTasks memory and JobRunr (default 100000)");
		HELP.put("redis-n",
				"tasks per throughput round on Redis: QTasks Redis and Celery (default 50000, which keeps the whole"
						+ " run under 15 minutes on 2 cores)");
		HELP.put("rounds", "measured rounds of every QTasks figure (default 3)");
		HELP.put("peer-rounds", "measured rounds of the JobRunr and Celery throughput (default 1: they are slower)");
		HELP.put("concurrency", "worker concurrencies of the throughput runs (default 1,4,16,64)");
		HELP.put("latency-concurrency", "worker concurrency of the latency runs (default 4)");
		HELP.put("brokers", "QTasks brokers to measure (default memory,redis)");
		HELP.put("suites", "suites to run (default all: " + String.join(",", SUITES) + ")");
		HELP.put("skip", "suites to leave out, e.g. celery,ceiling");
		HELP.put("pickup-samples", "single tasks per idle-pickup round (default 1000)");
		HELP.put("jobrunr-pickup-samples",
				"single jobs per JobRunr idle-pickup round (default 100; each takes ~0.2 s)");
		HELP.put("round-trips", "add-and-wait calls per round (default 1000)");
		HELP.put("footprint-tasks", "pending tasks of the worker-heap measurement (default 1000000)");
		HELP.put("footprint-brokers", "brokers whose worker heap is measured (default redis)");
		HELP.put("timeout", "longest a QTasks throughput round may take before it counts as failed (default 300s)");
		HELP.put("peer-timeout", "cap of one JobRunr or Celery throughput round; a capped round reports what"
				+ " finished by then (default 30s)");
		HELP.put("redis-url", "Redis of the Redis broker, Celery and the ceiling (default redis://127.0.0.1:6379/15);"
				+ " its database must be empty: the harness deletes what it creates there");
		HELP.put("python", "Python with Debian's python3-celery and python3-redis (default /usr/bin/python3)");
		HELP.put("celery-pool", "Celery worker pool: prefork (Celery's default) or threads (default prefork)");
		HELP.put("ceiling-requests", "requests per redis-benchmark command (default 100000)");
		HELP.put("ceiling-clients", "redis-benchmark parallel connections (default 50)");
		HELP.put("ceiling-pipeline", "redis-benchmark pipeline depths, comma separated (default 1,16)");
		HELP.put("ceiling-commands", "file with the redis-benchmark commands (default: the bundled list)");
		HELP.put("out", "report to write (default docs/benchmarks.md)");
		HELP.put("chart", "SVG chart to write (default: next to the report, benchmarks-throughput.svg)");
	}

	private int n = 100_000;

	private int redisN = 50_000;

	private int rounds = 3;

	private int peerRounds = 1;

	private List<Integer> concurrency = List.of(1, 4, 16, 64);

	private int latencyConcurrency = 4;

	private Set<String> brokers = new LinkedHashSet<>(List.of("memory", "redis"));

	private Set<String> suites = new LinkedHashSet<>(SUITES);

	private int pickupSamples = 1000;

	private int jobRunrPickupSamples = 100;

	private int roundTrips = 1000;

	private int footprintTasks = 1_000_000;

	private Set<String> footprintBrokers = new LinkedHashSet<>(List.of("redis"));

	private Duration timeout = Duration.ofSeconds(300);

	private Duration peerTimeout = Duration.ofSeconds(30);

	private URI redisUrl = URI.create("redis://127.0.0.1:6379/15");

	private String python = "/usr/bin/python3";

	private String celeryPool = "prefork";

	private int ceilingRequests = 100_000;

	private int ceilingClients = 50;

	private List<Integer> ceilingPipeline = List.of(1, 16);

	private Path ceilingCommands;

	private Path out = Path.of("docs", "benchmarks.md");

	private Path chart;

	private final List<String> arguments = new ArrayList<>();

	private BenchmarkOptions() {
	}

	/**
	 * Parses command-line arguments.
	 * @param args {@code --name=value} arguments ({@code --quick} and {@code --help} take
	 * no value)
	 * @return the options
	 * @throws IllegalArgumentException for an unknown option or a bad value
	 */
	public static BenchmarkOptions parse(String... args) {
		BenchmarkOptions options = new BenchmarkOptions();
		List<String> list = Arrays.asList(args);
		if (list.contains("--quick")) {
			options.quick();
		}
		for (String arg : args) {
			if (!arg.startsWith("--")) {
				throw new IllegalArgumentException("Unexpected argument '" + arg + "'; options look like --n=1000");
			}
			int equals = arg.indexOf('=');
			String name = arg.substring(2, (equals < 0) ? arg.length() : equals);
			String value = (equals < 0) ? null : arg.substring(equals + 1);
			if (name.equals("quick") || name.equals("help")) {
				continue;
			}
			if (!HELP.containsKey(name)) {
				throw new IllegalArgumentException("Unknown option --" + name + "\n" + usage());
			}
			if (value == null) {
				throw new IllegalArgumentException("Option --" + name + " needs a value: --" + name + "=...");
			}
			options.set(name, value);
			options.arguments.add(arg);
		}
		return options;
	}

	/**
	 * The option list, for {@code --help} and error messages.
	 * @return the usage text
	 */
	public static String usage() {
		StringBuilder usage = new StringBuilder("Options:\n");
		HELP.forEach((name, text) -> usage.append(String.format(Locale.ROOT, "  --%-24s %s%n", name, text)));
		return usage.toString();
	}

	private void quick() {
		this.n = 10_000;
		this.redisN = 10_000;
		this.rounds = 2;
		this.pickupSamples = 300;
		this.jobRunrPickupSamples = 30;
		this.roundTrips = 300;
		this.footprintTasks = 100_000;
		this.ceilingRequests = 20_000;
		this.ceilingPipeline = List.of(1);
		this.arguments.add("--quick");
	}

	private void set(String name, String value) {
		switch (name) {
			case "n" -> this.n = positive(name, value);
			case "redis-n" -> this.redisN = positive(name, value);
			case "rounds" -> this.rounds = positive(name, value);
			case "peer-rounds" -> this.peerRounds = positive(name, value);
			case "concurrency" -> this.concurrency = integers(name, value);
			case "latency-concurrency" -> this.latencyConcurrency = positive(name, value);
			case "brokers" -> this.brokers = words(name, value, Set.of("memory", "redis"));
			case "suites" -> this.suites = words(name, value, Set.copyOf(SUITES));
			case "skip" -> this.suites.removeAll(words(name, value, Set.copyOf(SUITES)));
			case "pickup-samples" -> this.pickupSamples = positive(name, value);
			case "jobrunr-pickup-samples" -> this.jobRunrPickupSamples = positive(name, value);
			case "round-trips" -> this.roundTrips = positive(name, value);
			case "footprint-tasks" -> this.footprintTasks = positive(name, value);
			case "footprint-brokers" -> this.footprintBrokers = words(name, value, Set.of("memory", "redis"));
			case "timeout" -> this.timeout = seconds(name, value);
			case "peer-timeout" -> this.peerTimeout = seconds(name, value);
			case "redis-url" -> this.redisUrl = URI.create(value);
			case "python" -> this.python = value;
			case "celery-pool" -> this.celeryPool = words(name, value, Set.of("prefork", "threads")).iterator().next();
			case "ceiling-requests" -> this.ceilingRequests = positive(name, value);
			case "ceiling-clients" -> this.ceilingClients = positive(name, value);
			case "ceiling-pipeline" -> this.ceilingPipeline = integers(name, value);
			case "ceiling-commands" -> this.ceilingCommands = Path.of(value);
			case "out" -> this.out = Path.of(value);
			case "chart" -> this.chart = Path.of(value);
			default -> throw new IllegalStateException(name);
		}
	}

	private static int positive(String name, String value) {
		try {
			int parsed = Integer.parseInt(value.replace("_", "").trim());
			if (parsed < 1) {
				throw new IllegalArgumentException("--" + name + " must be at least 1, was " + value);
			}
			return parsed;
		}
		catch (NumberFormatException ex) {
			throw new IllegalArgumentException("--" + name + " must be a whole number, was '" + value + "'");
		}
	}

	private static Duration seconds(String name, String value) {
		return Duration.ofSeconds(positive(name, value.replaceAll("s$", "")));
	}

	private static List<Integer> integers(String name, String value) {
		List<Integer> values = new ArrayList<>();
		for (String part : value.split(",")) {
			if (!part.isBlank()) {
				values.add(positive(name, part));
			}
		}
		if (values.isEmpty()) {
			throw new IllegalArgumentException("--" + name + " needs at least one value");
		}
		return List.copyOf(values);
	}

	private static Set<String> words(String name, String value, Set<String> allowed) {
		Set<String> values = new LinkedHashSet<>();
		for (String part : value.split(",")) {
			String word = part.trim().toLowerCase(Locale.ROOT);
			if (word.isEmpty()) {
				continue;
			}
			if (!allowed.contains(word)) {
				throw new IllegalArgumentException("--" + name + " does not know '" + word + "'; use " + allowed);
			}
			values.add(word);
		}
		return values;
	}

	public int n() {
		return this.n;
	}

	/**
	 * Tasks per throughput round on Redis (QTasks Redis and Celery).
	 * @return the count
	 */
	public int redisN() {
		return this.redisN;
	}

	public int rounds() {
		return this.rounds;
	}

	public int peerRounds() {
		return this.peerRounds;
	}

	public List<Integer> concurrency() {
		return this.concurrency;
	}

	public int latencyConcurrency() {
		return this.latencyConcurrency;
	}

	public Set<String> brokers() {
		return this.brokers;
	}

	/**
	 * Whether a suite runs.
	 * @param suite one of {@link #SUITES}
	 * @return {@code true} when it runs
	 */
	public boolean runs(String suite) {
		return this.suites.contains(suite);
	}

	public int pickupSamples() {
		return this.pickupSamples;
	}

	public int jobRunrPickupSamples() {
		return this.jobRunrPickupSamples;
	}

	public int roundTrips() {
		return this.roundTrips;
	}

	public int footprintTasks() {
		return this.footprintTasks;
	}

	public Set<String> footprintBrokers() {
		return this.footprintBrokers;
	}

	public Duration timeout() {
		return this.timeout;
	}

	public Duration peerTimeout() {
		return this.peerTimeout;
	}

	public URI redisUrl() {
		return this.redisUrl;
	}

	public String python() {
		return this.python;
	}

	public String celeryPool() {
		return this.celeryPool;
	}

	public int ceilingRequests() {
		return this.ceilingRequests;
	}

	public int ceilingClients() {
		return this.ceilingClients;
	}

	public List<Integer> ceilingPipeline() {
		return this.ceilingPipeline;
	}

	public Path ceilingCommands() {
		return this.ceilingCommands;
	}

	public Path out() {
		return this.out;
	}

	public Path chart() {
		return (this.chart != null) ? this.chart : this.out.resolveSibling("benchmarks-throughput.svg");
	}

	/**
	 * The arguments as given, for the report.
	 * @return the arguments, or "(defaults)"
	 */
	public String commandLine() {
		return this.arguments.isEmpty() ? "(defaults)" : String.join(" ", this.arguments);
	}

}
