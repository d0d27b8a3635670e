package io.qtasks.benchmarks.result;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * What the PostgreSQL suites measured: per system and enqueue mode the throughput at each
 * concurrency, per system the idle pickup, and PostgreSQL's commit ceiling.
 *
 * @author QTasks contributors
 */
public final class PostgresResults {

	private final Map<PostgresSystem, Map<EnqueueMode, Map<Integer, Outcome<ThroughputFigure>>>> throughput = new EnumMap<>(
			PostgresSystem.class);

	private final Map<PostgresSystem, Outcome<LatencyFigure>> pickup = new EnumMap<>(PostgresSystem.class);

	private Outcome<List<CommitCeiling>> ceiling = Outcome.missing("not run");

	private final List<String> notes = new ArrayList<>();

	public void throughput(PostgresSystem system, EnqueueMode mode, int concurrency, Outcome<ThroughputFigure> figure) {
		this.throughput.computeIfAbsent(system, (key) -> new EnumMap<>(EnqueueMode.class))
			.computeIfAbsent(mode, (key) -> new TreeMap<>())
			.put(concurrency, figure);
	}

	/**
	 * The throughput of one system and mode.
	 * @param system the system
	 * @param mode the enqueue mode
	 * @return by concurrency; empty when not run
	 */
	public Map<Integer, Outcome<ThroughputFigure>> throughput(PostgresSystem system, EnqueueMode mode) {
		return this.throughput.getOrDefault(system, Map.of()).getOrDefault(mode, Map.of());
	}

	/**
	 * A measured throughput figure.
	 * @param system the system
	 * @param mode the enqueue mode
	 * @param concurrency the worker concurrency
	 * @return the figure, when measured
	 */
	public Optional<ThroughputFigure> throughputFigure(PostgresSystem system, EnqueueMode mode, int concurrency) {
		Outcome<ThroughputFigure> outcome = throughput(system, mode).get(concurrency);
		return (outcome != null) ? Optional.ofNullable(outcome.value()) : Optional.empty();
	}

	/**
	 * The best end-to-end rate of one system and mode over its concurrencies.
	 * @param system the system
	 * @param mode the enqueue mode
	 * @return the rate, when any concurrency was measured
	 */
	public Optional<Double> bestEndToEnd(PostgresSystem system, EnqueueMode mode) {
		return throughput(system, mode).values()
			.stream()
			.filter(Outcome::present)
			.map((outcome) -> outcome.value().endToEndPerSecond().median())
			.max(Double::compare);
	}

	public void pickup(PostgresSystem system, Outcome<LatencyFigure> figure) {
		this.pickup.put(system, figure);
	}

	public Optional<Outcome<LatencyFigure>> pickup(PostgresSystem system) {
		return Optional.ofNullable(this.pickup.get(system));
	}

	public void ceiling(Outcome<List<CommitCeiling>> figures) {
		this.ceiling = figures;
	}

	public Outcome<List<CommitCeiling>> ceiling() {
		return this.ceiling;
	}

	/**
	 * The commit rate of pgbench with a number of clients.
	 * @param clients the clients
	 * @return the rate, when measured
	 */
	public Optional<Double> ceiling(int clients) {
		if (!this.ceiling.present()) {
			return Optional.empty();
		}
		return this.ceiling.value()
			.stream()
			.filter((figure) -> figure.clients() == clients)
			.map(CommitCeiling::transactionsPerSecond)
			.findFirst();
	}

	/**
	 * Records how a PostgreSQL suite measured, for the report.
	 * @param note one sentence or two
	 */
	public void note(String note) {
		this.notes.add(note);
	}

	public List<String> notes() {
		return this.notes;
	}

	/**
	 * Whether any PostgreSQL suite recorded anything.
	 * @return {@code true} when the section has something to show
	 */
	public boolean ran() {
		return !this.throughput.isEmpty() || !this.pickup.isEmpty() || this.ceiling.present()
				|| !"not run".equals(this.ceiling.reason());
	}

}
