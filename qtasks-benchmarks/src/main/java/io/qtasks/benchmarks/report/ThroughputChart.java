package io.qtasks.benchmarks.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import io.qtasks.benchmarks.result.BenchmarkResults;
import io.qtasks.benchmarks.result.Spread;
import io.qtasks.benchmarks.result.SystemUnderTest;
import io.qtasks.benchmarks.result.ThroughputFigure;

/**
 * Draws end-to-end throughput against worker concurrency as an SVG: one line per system
 * through the medians, whiskers from the slowest to the fastest round, a logarithmic y
 * axis (the systems are orders of magnitude apart) and the throughput goals as dashed
 * lines.
 *
 * @author QTasks contributors
 */
public final class ThroughputChart {

	private static final int WIDTH = 800;

	private static final int HEIGHT = 440;

	private static final int LEFT = 80;

	private static final int RIGHT = 230;

	private static final int TOP = 40;

	private static final int BOTTOM = 60;

	private static final Map<SystemUnderTest, String> COLORS = Map.of(SystemUnderTest.QTASKS_MEMORY, "#1f77b4",
			SystemUnderTest.QTASKS_REDIS, "#d62728", SystemUnderTest.JOBRUNR, "#2ca02c",
			SystemUnderTest.JOBRUNR_SMALL_BACKLOG, "#98df8a", SystemUnderTest.CELERY, "#9467bd");

	private static final Map<SystemUnderTest, Double> GOALS = Map.of(SystemUnderTest.QTASKS_MEMORY, 100_000.0,
			SystemUnderTest.QTASKS_REDIS, 10_000.0);

	private ThroughputChart() {
	}

	/**
	 * Renders the chart.
	 * @param results the run's results
	 * @param concurrencies the x axis
	 * @return the SVG document
	 */
	public static String render(BenchmarkResults results, List<Integer> concurrencies) {
		List<Double> values = new ArrayList<>(GOALS.values());
		for (SystemUnderTest system : SystemUnderTest.values()) {
			for (int concurrency : concurrencies) {
				results.throughputFigure(system, concurrency).ifPresent((figure) -> {
					values.add(figure.endToEndPerSecond().min());
					values.add(figure.endToEndPerSecond().max());
				});
			}
		}
		double smallest = Math.max(1, values.stream().mapToDouble(Double::doubleValue).min().orElse(100));
		double largest = values.stream().mapToDouble(Double::doubleValue).max().orElse(1_000_000);
		double low = Math.pow(10, Math.floor(Math.log10(smallest)));
		// Headroom above the largest value, so no goal or point sits on the frame.
		double high = Math.max(low * 10, Math.pow(10, Math.ceil(Math.log10(2 * largest))));
		Axes axes = new Axes(concurrencies.size(), low, high);
		StringBuilder svg = new StringBuilder();
		svg.append(String.format(Locale.ROOT,
				"<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" viewBox=\"0 0 %d %d\""
						+ " font-family=\"sans-serif\" font-size=\"12\">%n",
				WIDTH, HEIGHT, WIDTH, HEIGHT));
		svg.append(String.format(Locale.ROOT, "<rect width=\"%d\" height=\"%d\" fill=\"white\"/>%n", WIDTH, HEIGHT));
		svg.append(String.format(Locale.ROOT,
				"<text x=\"%d\" y=\"24\" font-size=\"15\" font-weight=\"bold\">End-to-end throughput (no-op tasks,"
						+ " median of rounds, whiskers min–max)</text>%n",
				LEFT));
		grid(svg, axes, concurrencies);
		goals(svg, axes);
		int legendRow = 0;
		for (SystemUnderTest system : SystemUnderTest.values()) {
			if (series(svg, axes, results, system, concurrencies)) {
				legend(svg, system.label(), COLORS.get(system), legendRow++, false);
			}
		}
		for (SystemUnderTest system : GOALS.keySet().stream().sorted().toList()) {
			legend(svg, String.format(Locale.ROOT, "goal %s %s", system.label(), shortNumber(GOALS.get(system))),
					COLORS.get(system), legendRow++, true);
		}
		int y = TOP + 10 + legendRow * 22;
		svg.append(String.format(Locale.ROOT,
				"<circle cx=\"%d\" cy=\"%d\" r=\"4\" fill=\"white\" stroke=\"#555\" stroke-width=\"2\"/>%n",
				WIDTH - RIGHT + 27, y));
		svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\">round capped (peer timeout)</text>%n",
				WIDTH - RIGHT + 44, y + 4));
		svg.append("</svg>\n");
		return svg.toString();
	}

	private static void grid(StringBuilder svg, Axes axes, List<Integer> concurrencies) {
		int plotRight = WIDTH - RIGHT;
		int plotBottom = HEIGHT - BOTTOM;
		for (double decade = axes.low(); decade <= axes.high() * 1.0001; decade *= 10) {
			double y = axes.y(decade);
			svg.append(String.format(Locale.ROOT,
					"<line x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\" stroke=\"#ddd\"/>%n", LEFT, y, plotRight, y));
			svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%.1f\" text-anchor=\"end\">%s</text>%n", LEFT - 8,
					y + 4, shortNumber(decade)));
		}
		for (int i = 0; i < concurrencies.size(); i++) {
			double x = axes.x(i);
			svg.append(String.format(Locale.ROOT,
					"<line x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\" stroke=\"#eee\"/>%n", x, TOP, x, plotBottom));
			svg.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%d\" text-anchor=\"middle\">%d</text>%n", x,
					plotBottom + 18, concurrencies.get(i)));
		}
		svg.append(String.format(Locale.ROOT,
				"<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" fill=\"none\" stroke=\"#333\"/>%n", LEFT, TOP,
				plotRight - LEFT, plotBottom - TOP));
		svg.append(
				String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" text-anchor=\"middle\">worker concurrency</text>%n",
						(LEFT + plotRight) / 2, HEIGHT - 18));
		svg.append(String.format(Locale.ROOT,
				"<text transform=\"translate(18,%d) rotate(-90)\" text-anchor=\"middle\">tasks per second"
						+ " (log scale)</text>%n",
				(TOP + plotBottom) / 2));
	}

	private static void goals(StringBuilder svg, Axes axes) {
		GOALS.forEach((system, goal) -> {
			double y = axes.y(goal);
			svg.append(String.format(Locale.ROOT,
					"<line x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\" stroke=\"%s\" stroke-dasharray=\"6 4\""
							+ " stroke-opacity=\"0.6\"/>%n",
					LEFT, y, WIDTH - RIGHT, y, COLORS.get(system)));
		});
	}

	private static boolean series(StringBuilder svg, Axes axes, BenchmarkResults results, SystemUnderTest system,
			List<Integer> concurrencies) {
		String color = COLORS.get(system);
		StringBuilder line = new StringBuilder();
		StringBuilder marks = new StringBuilder();
		for (int i = 0; i < concurrencies.size(); i++) {
			Optional<ThroughputFigure> figure = results.throughputFigure(system, concurrencies.get(i));
			if (figure.isEmpty()) {
				continue;
			}
			Spread spread = figure.get().endToEndPerSecond();
			boolean capped = figure.get().note() != null;
			double x = axes.x(i);
			line.append(line.isEmpty() ? "" : " ")
				.append(String.format(Locale.ROOT, "%.1f,%.1f", x, axes.y(spread.median())));
			marks.append(String.format(Locale.ROOT,
					"<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"%s\" stroke-width=\"1.5\"/>%n", x,
					axes.y(spread.min()), x, axes.y(spread.max()), color));
			marks.append(String.format(Locale.ROOT,
					"<circle cx=\"%.1f\" cy=\"%.1f\" r=\"4\" fill=\"%s\" stroke=\"%s\" stroke-width=\"2\">"
							+ "<title>%s, concurrency %d: %,.0f tasks/s%s</title></circle>%n",
					x, axes.y(spread.median()), capped ? "white" : color, color, escape(system.label()),
					concurrencies.get(i), spread.median(), capped ? " (" + escape(figure.get().note()) + ")" : ""));
		}
		if (line.isEmpty()) {
			return false;
		}
		svg.append(String.format(Locale.ROOT,
				"<polyline points=\"%s\" fill=\"none\" stroke=\"%s\" stroke-width=\"2\"/>%n", line, color));
		svg.append(marks);
		return true;
	}

	private static void legend(StringBuilder svg, String label, String color, int row, boolean dashed) {
		int x = WIDTH - RIGHT + 16;
		int y = TOP + 10 + row * 22;
		svg.append(String.format(Locale.ROOT,
				"<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"%s\" stroke-width=\"2\"%s/>%n", x, y, x + 22, y,
				color, dashed ? " stroke-dasharray=\"6 4\" stroke-opacity=\"0.6\"" : ""));
		svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\">%s</text>%n", x + 28, y + 4, escape(label)));
	}

	static String shortNumber(double value) {
		if (value >= 1_000_000) {
			return trim(value / 1_000_000) + "M";
		}
		if (value >= 1_000) {
			return trim(value / 1_000) + "k";
		}
		return trim(value);
	}

	private static String trim(double value) {
		return (value == Math.rint(value)) ? String.valueOf((long) value) : String.format(Locale.ROOT, "%.1f", value);
	}

	static String escape(String text) {
		return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
	}

	private record Axes(int points, double low, double high) {

		double x(int index) {
			double width = WIDTH - RIGHT - LEFT;
			return LEFT + width * (index + 0.5) / this.points;
		}

		double y(double value) {
			double height = HEIGHT - BOTTOM - TOP;
			double position = (Math.log10(value) - Math.log10(this.low))
					/ (Math.log10(this.high) - Math.log10(this.low));
			return HEIGHT - BOTTOM - height * position;
		}

	}

}
