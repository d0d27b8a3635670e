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
 * @param redisCpuMicros the Redis server's CPU time per task, in microseconds
 * ({@code INFO
 * cpu}, server-wide); 0 when not measured
 * @author QTasks contributors
 */
public record TaskCost(String enqueue, int concurrency, Spread endToEndPerSecond, double redisCommands,
		double scriptCalls, double roundTrips, double cpuMicros, double redisCpuMicros) {

	/**
	 * The rate at which the machine's cores would be busy with nothing but this work: the
	 * bound that CPU time alone puts on the end-to-end rate when the JVM and Redis share
	 * the machine, as in these runs.
	 * @param cores the machine's cores
	 * @return tasks per second, or 0 when no CPU time was measured
	 */
	public double cpuBoundPerSecond(int cores) {
		return cpuBound(cores, this.cpuMicros + this.redisCpuMicros);
	}

	static double cpuBound(int cores, double microsPerTask) {
		return (microsPerTask > 0) ? cores * 1e6 / microsPerTask : 0;
	}

}
