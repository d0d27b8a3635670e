package io.qtasks.benchmarks.result;

/**
 * What Redis itself does for one command, measured with {@code redis-benchmark}.
 *
 * @param name what the command stands for in a task's path
 * @param command the command as sent
 * @param pipeline the pipeline depth
 * @param requestsPerSecond the rate
 * @param p50Millis the median latency
 * @author QTasks contributors
 */
public record CeilingFigure(String name, String command, int pipeline, double requestsPerSecond, double p50Millis) {

}
