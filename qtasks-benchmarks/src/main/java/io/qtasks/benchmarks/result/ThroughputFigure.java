package io.qtasks.benchmarks.result;

/**
 * Throughput of one system at one worker concurrency.
 *
 * @param enqueuePerSecond tasks enqueued per second by one producer thread
 * @param endToEndPerSecond tasks per second from the first enqueue to the last success
 * @param note anything the reader must know (e.g. rounds that did not finish), or
 * {@code null}
 * @author QTasks contributors
 */
public record ThroughputFigure(Spread enqueuePerSecond, Spread endToEndPerSecond, String note) {

}
