/**
 * The Redis the harness runs on: its URL, its clean-up and its own ceiling measured with
 * {@code redis-benchmark}.
 */
@NullMarked
package io.qtasks.benchmarks.redis;

import org.jspecify.annotations.NullMarked;
