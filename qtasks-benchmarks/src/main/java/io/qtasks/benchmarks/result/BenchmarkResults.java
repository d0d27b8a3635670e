package io.qtasks.benchmarks.result;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Everything one run measured, filled in by the suites and read by the report.
 *
 * @author QTasks contributors
 */
public final class BenchmarkResults {

	private final Map<SystemUnderTest, Map<Integer, Outcome<ThroughputFigure>>> throughput = new EnumMap<>(
			SystemUnderTest.class);

	private final Map<SystemUnderTest, Outcome<LatencyFigure>> pickup = new EnumMap<>(SystemUnderTest.class);

	private final Map<SystemUnderTest, Outcome<LatencyFigure>> roundTrip = new EnumMap<>(SystemUnderTest.class);

	private final Map<SystemUnderTest, Outcome<FootprintFigure>> footprint = new EnumMap<>(SystemUnderTest.class);

	private final Map<SystemUnderTest, Outcome<FlowFigure>> flow = new EnumMap<>(SystemUnderTest.class);

	private final Map<SystemUnderTest, Map<String, Double>> commandsPerTask = new EnumMap<>(SystemUnderTest.class);

	private final BatchResults batch = new BatchResults();

	private Outcome<List<CeilingFigure>> ceiling = Outcome.missing("not run");

	private final PostgresResults postgres = new PostgresResults();

	private final Map<String, String> environment = new LinkedHashMap<>();

	private final List<String> methodNotes = new ArrayList<>();

	public void throughput(SystemUnderTest system, int concurrency, Outcome<ThroughputFigure> figure) {
		this.throughput.computeIfAbsent(system, (key) -> new TreeMap<>()).put(concurrency, figure);
	}

	public Map<Integer, Outcome<ThroughputFigure>> throughput(SystemUnderTest system) {
		return this.throughput.getOrDefault(system, Map.of());
	}

	/**
	 * A measured throughput figure.
	 * @param system the system
	 * @param concurrency the worker concurrency
	 * @return the figure, when measured
	 */
	public Optional<ThroughputFigure> throughputFigure(SystemUnderTest system, int concurrency) {
		Outcome<ThroughputFigure> outcome = throughput(system).get(concurrency);
		return (outcome != null) ? Optional.ofNullable(outcome.value()) : Optional.empty();
	}

	public void pickup(SystemUnderTest system, Outcome<LatencyFigure> figure) {
		this.pickup.put(system, figure);
	}

	public Optional<Outcome<LatencyFigure>> pickup(SystemUnderTest system) {
		return Optional.ofNullable(this.pickup.get(system));
	}

	public void roundTrip(SystemUnderTest system, Outcome<LatencyFigure> figure) {
		this.roundTrip.put(system, figure);
	}

	public Optional<Outcome<LatencyFigure>> roundTrip(SystemUnderTest system) {
		return Optional.ofNullable(this.roundTrip.get(system));
	}

	public void footprint(SystemUnderTest system, Outcome<FootprintFigure> figure) {
		this.footprint.put(system, figure);
	}

	public Optional<Outcome<FootprintFigure>> footprint(SystemUnderTest system) {
		return Optional.ofNullable(this.footprint.get(system));
	}

	public void flow(SystemUnderTest system, Outcome<FlowFigure> figure) {
		this.flow.put(system, figure);
	}

	public Optional<Outcome<FlowFigure>> flow(SystemUnderTest system) {
		return Optional.ofNullable(this.flow.get(system));
	}

	public void commandsPerTask(SystemUnderTest system, Map<String, Double> commands) {
		this.commandsPerTask.put(system, new TreeMap<>(commands));
	}

	public Map<SystemUnderTest, Map<String, Double>> commandsPerTask() {
		return this.commandsPerTask;
	}

	/**
	 * The figures of the batch suite.
	 * @return them
	 */
	public BatchResults batch() {
		return this.batch;
	}

	public void ceiling(Outcome<List<CeilingFigure>> figures) {
		this.ceiling = figures;
	}

	public Outcome<List<CeilingFigure>> ceiling() {
		return this.ceiling;
	}

	/**
	 * What the PostgreSQL suites measured.
	 * @return their results
	 */
	public PostgresResults postgres() {
		return this.postgres;
	}

	/**
	 * Records a fact about the machine or a peer's version.
	 * @param name what
	 * @param value its value
	 */
	public void environment(String name, String value) {
		this.environment.put(name, value);
	}

	public Map<String, String> environment() {
		return this.environment;
	}

	/**
	 * Records how a suite measured, for the report's method section.
	 * @param note one sentence or two
	 */
	public void methodNote(String note) {
		this.methodNotes.add(note);
	}

	public List<String> methodNotes() {
		return this.methodNotes;
	}

}
