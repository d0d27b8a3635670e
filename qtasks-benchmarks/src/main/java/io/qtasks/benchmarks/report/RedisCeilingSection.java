package io.qtasks.benchmarks.report;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

import io.qtasks.benchmarks.BenchmarkOptions;
import io.qtasks.benchmarks.result.BenchmarkResults;
import io.qtasks.benchmarks.result.CeilingFigure;
import io.qtasks.benchmarks.result.Outcome;
import io.qtasks.benchmarks.result.SystemUnderTest;

/**
 * The Redis ceiling measured with {@code redis-benchmark} and the Redis commands each
 * system spends per task.
 *
 * @author QTasks contributors
 */
final class RedisCeilingSection {

	private final BenchmarkResults results;

	private final BenchmarkOptions options;

	private final MarkdownPage page;

	RedisCeilingSection(BenchmarkResults results, BenchmarkOptions options, MarkdownPage page) {
		this.results = results;
		this.options = options;
		this.page = page;
	}

	void write() {
		this.page.line("## The Redis ceiling");
		this.page.line();
		Outcome<List<CeilingFigure>> ceiling = this.results.ceiling();
		if (!ceiling.present()) {
			this.page.line("Not measured: " + ceiling.reason() + ".");
			this.page.line();
			commandsPerTask(List.of());
			return;
		}
		this.page.line(String.format(Locale.ROOT,
				"`redis-benchmark` on the same Redis, %,d requests per command, %d connections, random keys (the "
						+ "command list is `qtasks-benchmarks/src/main/resources/redis/ceiling-commands.txt`).",
				this.options.ceiling().requests(), this.options.ceiling().clients()));
		this.page.line();
		this.page.line("| Stands for | Command | Pipeline | Requests/s | p50 ms |");
		this.page.line("|---|---|---:|---:|---:|");
		for (CeilingFigure figure : ceiling.value()) {
			this.page.line(String.format(Locale.ROOT, "| %s | `%s` | %d | %,.0f | %.3f |",
					MarkdownPage.cell(figure.name()), MarkdownPage.cell(figure.command()), figure.pipeline(),
					figure.requestsPerSecond(), figure.p50Millis()));
		}
		this.page.line();
		commandsPerTask(ceiling.value());
	}

	private void commandsPerTask(List<CeilingFigure> ceiling) {
		Map<SystemUnderTest, Map<String, Double>> commands = this.results.commandsPerTask();
		this.page.line("### Redis commands per task");
		this.page.line();
		if (commands.isEmpty()) {
			this.page.line("No Redis-backed system was measured in this run.");
			this.page.line();
			return;
		}
		this.page
			.line("Counted with `INFO commandstats` around the throughput rounds (server-wide, so other clients of the same "
					+ "Redis add noise; commands run inside Lua scripts count as well as the EVALSHA that ran them). The "
					+ "*ceiling estimate* is the task rate Redis could serve if it did nothing but these commands at the "
					+ "rates measured above without pipelining (1 ÷ Σ calls per task ÷ requests/s; commands not measured "
					+ "above are priced like PING).");
		this.page.line();
		this.page.line(
				"| System | Commands per task | Total | Ceiling estimate (tasks/s) | Best measured (tasks/s) | Of the ceiling |");
		this.page.line("|---|---|---:|---:|---:|---:|");
		Map<String, Double> rates = unpipelinedRates(ceiling);
		for (Map.Entry<SystemUnderTest, Map<String, Double>> entry : commands.entrySet()) {
			Map<String, Double> perTask = entry.getValue();
			double total = perTask.values().stream().mapToDouble(Double::doubleValue).sum();
			String list = perTask.entrySet()
				.stream()
				.sorted(Map.Entry.<String, Double>comparingByValue().reversed())
				.map((command) -> String.format(Locale.ROOT, "%s %.2f", command.getKey(), command.getValue()))
				.collect(Collectors.joining(", "));
			String estimate = "";
			String share = "";
			double best = bestThroughput(entry.getKey());
			if (!rates.isEmpty()) {
				double ping = rates.getOrDefault("ping", rates.values().iterator().next());
				double secondsPerTask = 0;
				for (Map.Entry<String, Double> command : perTask.entrySet()) {
					secondsPerTask += command.getValue() / rates.getOrDefault(command.getKey(), ping);
				}
				double ceilingRate = 1 / secondsPerTask;
				estimate = String.format(Locale.ROOT, "%,.0f", ceilingRate);
				share = (best > 0) ? String.format(Locale.ROOT, "%.0f %%", 100 * best / ceilingRate) : "";
			}
			this.page.line("| " + entry.getKey().label() + " | " + list + " | "
					+ String.format(Locale.ROOT, "%.2f", total) + " | " + estimate + " | "
					+ ((best > 0) ? String.format(Locale.ROOT, "%,.0f", best) : "") + " | " + share + " |");
		}
		this.page.line();
	}

	private static Map<String, Double> unpipelinedRates(List<CeilingFigure> ceiling) {
		Map<String, Double> rates = new LinkedHashMap<>();
		for (CeilingFigure figure : ceiling) {
			if (figure.pipeline() == 1) {
				String verb = figure.command().trim().split("\\s+")[0].toLowerCase(Locale.ROOT);
				rates.merge(verb, figure.requestsPerSecond(), Math::max);
			}
		}
		return rates;
	}

	private double bestThroughput(SystemUnderTest system) {
		return this.results.throughput(system)
			.values()
			.stream()
			.filter(Outcome::present)
			.mapToDouble((outcome) -> outcome.value().endToEndPerSecond().median())
			.max()
			.orElse(0);
	}

}
