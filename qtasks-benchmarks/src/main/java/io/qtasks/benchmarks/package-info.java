/**
 * The benchmark harness: options, the run of every suite and the context each measurement
 * shares.
 */
@NullMarked
package io.qtasks.benchmarks;

import org.jspecify.annotations.NullMarked;
