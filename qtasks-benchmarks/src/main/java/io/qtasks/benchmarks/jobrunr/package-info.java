/**
 * The JobRunr peer with its in-memory storage.
 */
@NullMarked
package io.qtasks.benchmarks.jobrunr;

import org.jspecify.annotations.NullMarked;
