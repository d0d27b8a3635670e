package io.qtasks.benchmarks.result;

/**
 * What one task costs on average over the throughput rounds of one enqueue mode, producer
 * and worker in one node together.
 *
 * @param enqueue how the tasks were enqueued: {@code single} ({@code addTask}) or
 * {@code batches of <n>} ({@code addAll})
 * @param concurrency the worker concurrency
 * @param endToEndPerSecond the end-to-end rate of those rounds
 * @param redisCommands Redis commands per task, server side ({@code INFO commandstats},
 * commands inside scripts included); 0 when not counted
 * @param scriptCalls script calls per task ({@code EVALSHA} and {@code EVAL}); 0 when not
 * counted
 * @param roundTrips commands the node's Redis client sent per task, each one request and
 * its reply (the engine does not pipeline); 0 when not counted
 * @param cpuMicros JVM CPU time per task, in microseconds (all threads of the harness JVM
 * during the round)
 * @author QTasks contributors
 */
public record TaskCost(String enqueue, int concurrency, Spread endToEndPerSecond, double redisCommands,
		double scriptCalls, double roundTrips, double cpuMicros) {

}
