/**
 * The QTasks suites on the memory and Redis brokers: throughput, batches, latency, flow
 * control and worker heap.
 */
@NullMarked
package io.qtasks.benchmarks.qtasks;

import org.jspecify.annotations.NullMarked;
