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

	private int batchSize;

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
		return this.throughput.isEmpty() && this.costs.isEmpty();
	}

}
