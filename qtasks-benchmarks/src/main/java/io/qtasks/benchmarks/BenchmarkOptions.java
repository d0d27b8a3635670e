package io.qtasks.benchmarks;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import java.util.function.ToIntFunction;

import io.qtasks.benchmarks.postgres.PostgresOptions;
import io.qtasks.benchmarks.redis.CeilingOptions;

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
	public static final List<String> SUITES = List.of("throughput", "batch", "pickup", "roundtrip", "footprint", "flow",
			"jobrunr", "celery", "ceiling", "jdbc", "dbscheduler", "jobrunr-postgres", "pgbench");

	private int n = 100_000;

	private int redisN = 50_000;

	private int rounds = 3;

	private int peerRounds = 1;

	private List<Integer> concurrency = List.of(1, 4, 16, 64);

	private int latencyConcurrency = 4;

	private Set<String> brokers = new LinkedHashSet<>(List.of("memory", "redis"));

	private Set<String> suites = new LinkedHashSet<>(SUITES);

	private int batchSize = 100;

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

	private Path out = Path.of("docs", "benchmarks.md");

	private Path chart;

	private final PostgresOptions postgres = new PostgresOptions();

	private final CeilingOptions ceiling = new CeilingOptions();

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
			if (!OptionHelp.knows(name)) {
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
		return OptionHelp.usage();
	}

	private void quick() {
		this.n = 10_000;
		this.redisN = 10_000;
		this.rounds = 2;
		this.pickupSamples = 300;
		this.jobRunrPickupSamples = 30;
		this.roundTrips = 300;
		this.footprintTasks = 100_000;
		this.ceiling.quick();
		this.postgres.quick();
		this.arguments.add("--quick");
	}

	private void set(String name, String value) {
		switch (name) {
			case "n" -> this.n = OptionValues.positive(name, value);
			case "redis-n" -> this.redisN = OptionValues.positive(name, value);
			case "rounds" -> this.rounds = OptionValues.positive(name, value);
			case "peer-rounds" -> this.peerRounds = OptionValues.positive(name, value);
			case "concurrency" -> this.concurrency = OptionValues.integers(name, value);
			case "latency-concurrency" -> this.latencyConcurrency = OptionValues.positive(name, value);
			case "brokers" -> this.brokers = OptionValues.words(name, value, Set.of("memory", "redis"));
			case "suites" -> this.suites = OptionValues.words(name, value, Set.copyOf(SUITES));
			case "skip" -> this.suites.removeAll(OptionValues.words(name, value, Set.copyOf(SUITES)));
			case "batch-size" -> this.batchSize = OptionValues.positive(name, value);
			case "pickup-samples" -> this.pickupSamples = OptionValues.positive(name, value);
			case "jobrunr-pickup-samples" -> this.jobRunrPickupSamples = OptionValues.positive(name, value);
			case "round-trips" -> this.roundTrips = OptionValues.positive(name, value);
			case "footprint-tasks" -> this.footprintTasks = OptionValues.positive(name, value);
			case "footprint-brokers" ->
				this.footprintBrokers = OptionValues.words(name, value, Set.of("memory", "redis"));
			case "timeout" -> this.timeout = OptionValues.seconds(name, value);
			case "peer-timeout" -> this.peerTimeout = OptionValues.seconds(name, value);
			case "redis-url" -> this.redisUrl = URI.create(value);
			case "python" -> this.python = value;
			case "celery-pool" ->
				this.celeryPool = OptionValues.words(name, value, Set.of("prefork", "threads")).iterator().next();
			case "out" -> this.out = Path.of(value);
			case "chart" -> this.chart = Path.of(value);
			default -> {
				ToIntFunction<String> positive = (text) -> OptionValues.positive(name, text);
				Function<String, List<Integer>> integers = (text) -> OptionValues.integers(name, text);
				if (!this.postgres.set(name, value, positive, integers)
						&& !this.ceiling.set(name, value, positive, integers)) {
					throw new IllegalStateException(name);
				}
			}
		}
	}

	public int n() {
		return this.n;
	}

	/**
	 * Tasks per {@code addAll} call of the batch suite.
	 * @return the count
	 */
	public int batchSize() {
		return this.batchSize;
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

	/**
	 * The options of the Redis ceiling.
	 * @return them
	 */
	public CeilingOptions ceiling() {
		return this.ceiling;
	}

	/**
	 * The options of the PostgreSQL suites.
	 * @return them
	 */
	public PostgresOptions postgres() {
		return this.postgres;
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
