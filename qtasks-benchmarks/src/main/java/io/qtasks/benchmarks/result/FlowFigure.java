package io.qtasks.benchmarks.result;

/**
 * What flow control costs: end-to-end throughput of a no-op task without a cap and with
 * one, at the same worker concurrency, and the add-and-wait round trip of a no-op task
 * without limits and with a cap and a rate it never reaches.
 *
 * @param concurrency the worker concurrency of the throughput rounds
 * @param cap the cap of the capped task
 * @param tasksPerRound how many tasks each throughput round ran
 * @param uncappedPerSecond end to end without a cap
 * @param cappedPerSecond end to end with the cap
 * @param unlimited the round trip without limits
 * @param unreached the round trip with limits it never reaches
 * @author QTasks contributors
 */
public record FlowFigure(int concurrency, int cap, int tasksPerRound, Spread uncappedPerSecond, Spread cappedPerSecond,
		LatencyFigure unlimited, LatencyFigure unreached) {

}
