package io.qtasks.benchmarks.result;

/**
 * What PostgreSQL itself commits: {@code pgbench} running transactions of one single-row
 * insert each.
 *
 * @param clients the pgbench clients
 * @param transactionsPerSecond the committed transactions per second
 * @param latencyMillis pgbench's average latency
 * @author QTasks contributors
 */
public record CommitCeiling(int clients, double transactionsPerSecond, double latencyMillis) {

}
