/**
 * The PostgreSQL suites of the harness: QTasks with the JDBC broker, db-scheduler and
 * JobRunr with its PostgreSQL storage on one benchmark database, and PostgreSQL's own
 * commit ceiling measured with {@code pgbench}.
 */
@NullMarked
package io.qtasks.benchmarks.postgres;

import org.jspecify.annotations.NullMarked;
