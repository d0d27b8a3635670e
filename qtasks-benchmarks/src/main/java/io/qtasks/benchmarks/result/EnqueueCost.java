package io.qtasks.benchmarks.result;

/**
 * Enqueueing on its own: a client-only node adds the round's tasks in batches while no
 * worker runs, so that nothing else shares the machine's CPU with the producer.
 *
 * @param perSecond tasks enqueued per second, over the rounds
 * @param cpuMicros JVM CPU time per task, in microseconds
 * @param redisCpuMicros the Redis server's CPU time per task, in microseconds; 0 when not
 * measured
 * @author QTasks contributors
 */
public record EnqueueCost(Spread perSecond, double cpuMicros, double redisCpuMicros) {

	/**
	 * The enqueue rate that CPU time alone allows when the producer and Redis share the
	 * machine's cores.
	 * @param cores the machine's cores
	 * @return tasks per second, or 0 when no CPU time was measured
	 */
	public double cpuBoundPerSecond(int cores) {
		return TaskCost.cpuBound(cores, this.cpuMicros + this.redisCpuMicros);
	}

}
