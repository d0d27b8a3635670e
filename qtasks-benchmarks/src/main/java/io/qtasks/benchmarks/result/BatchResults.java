package io.qtasks.benchmarks.result;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The figures of the batch suite: throughput with tasks enqueued in batches, and what a
 * task costs with each way of enqueueing.
 *
 * @author QTasks contributors
 */
public final class BatchResults {

	private final Map<SystemUnderTest, Map<Integer, Outcome<ThroughputFigure>>> throughput = new EnumMap<>(
			SystemUnderTest.class);

	private final Map<SystemUnderTest, List<TaskCost>> costs = new EnumMap<>(SystemUnderTest.class);

	private final Map<SystemUnderTest, Outcome<EnqueueCost>> enqueueAlone = new EnumMap<>(SystemUnderTest.class);

	private int batchSize;

	private int cores = Runtime.getRuntime().availableProcessors();

	public void batchSize(int batchSize) {
		this.batchSize = batchSize;
	}

	public int batchSize() {
		return this.batchSize;
	}

	public void throughput(SystemUnderTest system, int concurrency, Outcome<ThroughputFigure> figure) {
		this.throughput.computeIfAbsent(system, (key) -> new TreeMap<>()).put(concurrency, figure);
	}

	public Map<SystemUnderTest, Map<Integer, Outcome<ThroughputFigure>>> throughput() {
		return this.throughput;
	}

	/**
	 * The cores the JVM and Redis shared during the runs, for the CPU bounds.
	 * @param cores the machine's cores
	 */
	public void cores(int cores) {
		this.cores = cores;
	}

	public int cores() {
		return this.cores;
	}

	public void enqueueAlone(SystemUnderTest system, Outcome<EnqueueCost> cost) {
		this.enqueueAlone.put(system, cost);
	}

	public Map<SystemUnderTest, Outcome<EnqueueCost>> enqueueAlone() {
		return this.enqueueAlone;
	}

	public void cost(SystemUnderTest system, TaskCost cost) {
		this.costs.computeIfAbsent(system, (key) -> new ArrayList<>()).add(cost);
	}

	public Map<SystemUnderTest, List<TaskCost>> costs() {
		return this.costs;
	}

	/**
	 * Whether the suite measured anything.
	 * @return the flag
	 */
	public boolean isEmpty() {
		return this.throughput.isEmpty() && this.costs.isEmpty() && this.enqueueAlone.isEmpty();
	}

}
