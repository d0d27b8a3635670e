/**
 * The figures a run measured, with their spread over rounds.
 */
@NullMarked
package io.qtasks.benchmarks.result;

import org.jspecify.annotations.NullMarked;
