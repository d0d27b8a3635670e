package io.qtasks.engine;

import org.jspecify.annotations.Nullable;

/**
 * Makes text from tasks safe to log: task names, cancel reasons and messages that quote
 * them come from clients, and a line break in them could forge log lines. Line breaks,
 * tabs and other control characters are escaped as in Java source ({@code \n},
 * {@code \r}, {@code \t}, {@code \u001b}).
 *
 * @author QTasks contributors
 */
public final class LogSafe {

	private LogSafe() {
	}

	/**
	 * The text with its control characters escaped.
	 * @param value any value, or {@code null}
	 * @return the escaped text ({@code "null"} for {@code null})
	 */
	public static String text(@Nullable Object value) {
		String text = String.valueOf(value);
		StringBuilder escaped = null;
		for (int i = 0; i < text.length(); i++) {
			char c = text.charAt(i);
			if (!Character.isISOControl(c)) {
				if (escaped != null) {
					escaped.append(c);
				}
				continue;
			}
			if (escaped == null) {
				escaped = new StringBuilder(text.length() + 8).append(text, 0, i);
			}
			switch (c) {
				case '\n' -> escaped.append("\\n");
				case '\r' -> escaped.append("\\r");
				case '\t' -> escaped.append("\\t");
				default -> escaped.append(String.format("\\u%04x", (int) c));
			}
		}
		return (escaped != null) ? escaped.toString() : text;
	}

}
