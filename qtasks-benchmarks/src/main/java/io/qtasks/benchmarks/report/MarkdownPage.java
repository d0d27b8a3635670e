package io.qtasks.benchmarks.report;

import java.util.Locale;

import io.qtasks.benchmarks.result.Spread;

/**
 * The Markdown text a report is written into, with the cell formats every section shares.
 *
 * @author QTasks contributors
 */
final class MarkdownPage {

	private final StringBuilder out = new StringBuilder();

	void line(String text) {
		this.out.append(text).append('\n');
	}

	void line() {
		this.out.append('\n');
	}

	String text() {
		return this.out.toString();
	}

	static String rate(Spread spread) {
		return String.format(Locale.ROOT, "%,.0f (%,.0f–%,.0f)", spread.median(), spread.min(), spread.max());
	}

	static String millis(Spread spread) {
		return String.format(Locale.ROOT, "%.3f (%.3f–%.3f)", spread.median(), spread.min(), spread.max());
	}

	static String ratio(double ratio) {
		return (ratio >= 10) ? String.format(Locale.ROOT, "%,.0f×", ratio) : String.format(Locale.ROOT, "%.1f×", ratio);
	}

	static String cell(String text) {
		return (text != null) ? text.replace("|", "\\|").replace("\n", " ") : "";
	}

}
