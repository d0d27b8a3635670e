package io.qtasks.benchmarks.report;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import io.qtasks.benchmarks.result.BenchmarkResults;
import io.qtasks.benchmarks.result.CommitCeiling;
import io.qtasks.benchmarks.result.EnqueueMode;
import io.qtasks.benchmarks.result.LatencyFigure;
import io.qtasks.benchmarks.result.Outcome;
import io.qtasks.benchmarks.result.PostgresResults;
import io.qtasks.benchmarks.result.PostgresSystem;
import io.qtasks.benchmarks.result.ThroughputFigure;

/**
 * QTasks JDBC beside db-scheduler and JobRunr on one PostgreSQL: its speed goals, the
 * throughput with one-call and batch enqueue and its ratio to each peer, idle pickup,
 * PostgreSQL's commit ceiling, and the peers' published figures.
 *
 * @author QTasks contributors
 */
final class PostgresSection {

	private static final List<PostgresSystem> PEERS = List.of(PostgresSystem.DB_SCHEDULER,
			PostgresSystem.DB_SCHEDULER_IMMEDIATE, PostgresSystem.JOBRUNR_POSTGRES);

	private final PostgresResults results;

	private final MarkdownPage page;

	PostgresSection(BenchmarkResults results, MarkdownPage page) {
		this.results = results.postgres();
		this.page = page;
	}

	void write() {
		if (!this.results.ran()) {
			return;
		}
		this.page.line("## PostgreSQL: QTasks JDBC beside db-scheduler and JobRunr");
		this.page.line();
		goals();
		throughput();
		pickup();
		ceiling();
		published();
		for (String note : this.results.notes()) {
			this.page.line("- " + note);
		}
		this.page.line();
	}

	private void goals() {
		this.page.line("| Goal | Measured | Verdict |");
		this.page.line("|---|---|---|");
		for (SpeedGoals.Check check : PostgresGoals.check(this.results)) {
			this.page.line("| " + check.goal() + " | " + MarkdownPage.cell(check.measured()) + " | "
					+ check.status().text() + " |");
		}
		this.page.line();
	}

	private void throughput() {
		this.page.line("### Throughput on PostgreSQL (no-op tasks)");
		this.page.line();
		this.page.line("*Enqueue* is N ÷ the time one producer thread took to enqueue them all (the worker already"
				+ " consuming); *end to end* is N ÷ the time from the first enqueue to the last stored outcome."
				+ " \"× peer\" compares QTasks JDBC's end to end with the peer's at the same concurrency and enqueue mode.");
		this.page.line();
		StringBuilder header = new StringBuilder(
				"| System | Enqueue | Concurrency | Enqueue (tasks/s) | End to end (tasks/s) |");
		StringBuilder rule = new StringBuilder("|---|---|---:|---:|---:|");
		for (PostgresSystem peer : PEERS) {
			header.append(" × ").append(peer.label()).append(" |");
			rule.append("---:|");
		}
		this.page.line(header.toString());
		this.page.line(rule.toString());
		for (PostgresSystem system : PostgresSystem.values()) {
			for (EnqueueMode mode : EnqueueMode.values()) {
				for (Map.Entry<Integer, Outcome<ThroughputFigure>> entry : this.results.throughput(system, mode)
					.entrySet()) {
					this.page.line(row(system, mode, entry.getKey(), entry.getValue()));
				}
			}
		}
		this.page.line();
	}

	private String row(PostgresSystem system, EnqueueMode mode, int concurrency, Outcome<ThroughputFigure> outcome) {
		String start = "| " + system.label() + " | " + mode.label() + " | " + concurrency + " | ";
		if (!outcome.present()) {
			return start + MarkdownPage.cell(outcome.reason()) + " |";
		}
		ThroughputFigure figure = outcome.value();
		StringBuilder row = new StringBuilder(start).append(MarkdownPage.rate(figure.enqueuePerSecond()))
			.append(" | ")
			.append(MarkdownPage.rate(figure.endToEndPerSecond()))
			.append((figure.note() != null) ? " (" + MarkdownPage.cell(figure.note()) + ")" : "")
			.append(" |");
		for (PostgresSystem peer : PEERS) {
			Optional<ThroughputFigure> theirs = this.results.throughputFigure(peer, mode, concurrency);
			row.append(' ');
			if (system.ours() && theirs.isPresent()) {
				row.append(MarkdownPage
					.ratio(figure.endToEndPerSecond().median() / theirs.get().endToEndPerSecond().median()));
			}
			row.append(" |");
		}
		return row.toString();
	}

	private void pickup() {
		this.page.line("### Idle pickup on PostgreSQL");
		this.page.line();
		this.page.line("Open loop: single tasks spaced 1–5 ms apart, the producer not waiting for any of them, from"
				+ " just before the enqueue call to the first line of the task on the worker. Milliseconds.");
		this.page.line();
		this.page.line("| System | Enqueued on | p50 | p99 | max | Samples × rounds | × QTasks JDBC (p50 / p99) |");
		this.page.line("|---|---|---:|---:|---:|---:|---:|");
		Optional<LatencyFigure> ours = this.results.pickup(PostgresSystem.QTASKS_JDBC)
			.filter(Outcome::present)
			.map(Outcome::value);
		for (PostgresSystem system : PostgresSystem.values()) {
			Optional<Outcome<LatencyFigure>> outcome = this.results.pickup(system);
			if (outcome.isEmpty()) {
				continue;
			}
			String node = (system == PostgresSystem.DB_SCHEDULER_IMMEDIATE) ? "the worker's node" : "another node";
			if (!outcome.get().present()) {
				this.page.line("| " + system.label() + " | " + node + " | " + MarkdownPage.cell(outcome.get().reason())
						+ " |");
				continue;
			}
			LatencyFigure figure = outcome.get().value();
			String ratio = (!system.ours() && ours.isPresent())
					? MarkdownPage.ratio(figure.p50().median() / ours.get().p50().median()) + " / "
							+ MarkdownPage.ratio(figure.p99().median() / ours.get().p99().median())
					: "";
			this.page.line(String.format(Locale.ROOT, "| %s | %s | %s | %s | %s | %d × %d | %s |", system.label(), node,
					MarkdownPage.millis(figure.p50()), MarkdownPage.millis(figure.p99()),
					MarkdownPage.millis(figure.max()), figure.samplesPerRound(), figure.p50().rounds(), ratio));
		}
		this.page.line();
	}

	private void ceiling() {
		this.page.line("### PostgreSQL's commit ceiling");
		this.page.line();
		Outcome<List<CommitCeiling>> ceiling = this.results.ceiling();
		if (!ceiling.present()) {
			this.page.line("Not measured: " + ceiling.reason() + ".");
			this.page.line();
			return;
		}
		this.page.line("`pgbench` on the same database, a custom script of one single-row `INSERT` per transaction:"
				+ " the most durable one-task commits per second this PostgreSQL takes.");
		this.page.line();
		this.page.line("| Clients | Transactions/s | Latency average (ms) |");
		this.page.line("|---:|---:|---:|");
		for (CommitCeiling figure : ceiling.value()) {
			this.page.line(String.format(Locale.ROOT, "| %d | %,.0f | %.3f |", figure.clients(),
					figure.transactionsPerSecond(), figure.latencyMillis()));
		}
		this.page.line();
	}

	private void published() {
		this.page.line("### Published figures (not measured here)");
		this.page.line();
		this.page.line("What the peers and River publish for their own set-ups; other machines, other tasks, other"
				+ " settings, so for orientation only.");
		this.page.line();
		this.page.line("| System | Published throughput | Set-up |");
		this.page.line("|---|---:|---|");
		this.page
			.line("| db-scheduler | 2,000–11,800 executions/s | PostgreSQL on 4–8 cores, four scheduler instances |");
		this.page.line("| JobRunr (OSS) | 2,500 jobs/s | PostgreSQL |");
		this.page.line("| JobRunr Pro | 1,852 jobs/s | PostgreSQL 18 |");
		this.page.line("| River (Go) | ~46,000 jobs/s | 8-core laptop, jobs inserted beforehand |");
		this.page.line();
	}

}
