/**
 * The generated report: {@code docs/benchmarks.md}, one section per figure, the speed
 * goals and the chart.
 */
@NullMarked
package io.qtasks.benchmarks.report;

import org.jspecify.annotations.NullMarked;
