package io.qtasks.benchmarks.report;

/**
 * Figures other projects published for their own systems, on their hardware and by their
 * method: anchors to read ours against, never measured here and never compared by ratio.
 *
 * @author QTasks contributors
 */
final class PublishedAnchorsSection {

	private final MarkdownPage page;

	PublishedAnchorsSection(MarkdownPage page) {
		this.page = page;
	}

	void write() {
		this.page.line("## Published anchors (not measured here)");
		this.page.line();
		this.page.line("As published by each project, on its hardware and by its method; none ran on this machine, so "
				+ "they are no ratio goals. Compare the method before the number: most skip what QTasks does per "
				+ "task (a stored record with its attempts, a fenced final write, results pushed to waiters).");
		this.page.line();
		this.page.line("| System | Published figure | Hardware | Method, as published |");
		this.page.line("|---|---|---|---|");
		this.page.line(
				"| Sidekiq (Ruby, Redis) | 23,500 jobs/s | one CPU | jobs enqueued in bulk, no results " + "stored |");
		this.page.line("| BullMQ (Node.js, Redis) | about 48,000 jobs/s | an 8-core machine | as reported by the "
				+ "project |");
		this.page.line("| River (Go, PostgreSQL) | about 46,000 jobs/s | an 8-core laptop | jobs inserted before the "
				+ "workers run |");
		this.page.line("| Oban (Elixir, PostgreSQL) | no figure given here | | no throughput figure with its hardware "
				+ "and method could be attributed to the project, so none is quoted |");
		this.page.line();
	}

}
