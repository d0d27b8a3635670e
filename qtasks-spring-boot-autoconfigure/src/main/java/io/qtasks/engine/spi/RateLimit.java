package io.qtasks.engine.spi;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How many runs of a task may start within a window, such as {@code 100/1m}: at most
 * {@code permits} starts in any window of that length (a sliding window, so there is no
 * burst at the edge of a fixed window).
 *
 * @param permits the most starts in one window, at least 1
 * @param window the window's length, at least a millisecond
 * @author QTasks contributors
 */
public record RateLimit(int permits, Duration window) {

	private static final Pattern FORM = Pattern.compile("\\s*(\\d{1,9})\\s*/\\s*(\\d{0,9})\\s*([smh])\\s*");

	/**
	 * Checks the limit.
	 */
	public RateLimit {
		if (permits < 1) {
			throw new IllegalArgumentException("a rate limit needs at least 1 start per window, was " + permits);
		}
		if (window.toMillis() < 1) {
			throw new IllegalArgumentException("a rate limit's window must be at least 1ms, was " + window);
		}
	}

	/**
	 * Reads a limit written as {@code <count>/<window>}, the window being {@code s},
	 * {@code m} or {@code h} with an optional number in front: {@code 100/1m},
	 * {@code 5/s}, {@code 1000/2h}.
	 * @param text the limit
	 * @return the limit
	 * @throws IllegalArgumentException when the text is not of that form
	 */
	public static RateLimit parse(String text) {
		Matcher matcher = FORM.matcher(text);
		if (!matcher.matches()) {
			throw new IllegalArgumentException("'" + text
					+ "' is not a rate limit: write <count>/<window> with the window in s, m or h, such as 100/1m");
		}
		long units = matcher.group(2).isEmpty() ? 1 : Long.parseLong(matcher.group(2));
		Duration unit = switch (matcher.group(3)) {
			case "s" -> Duration.ofSeconds(1);
			case "m" -> Duration.ofMinutes(1);
			default -> Duration.ofHours(1);
		};
		return new RateLimit(Integer.parseInt(matcher.group(1)), unit.multipliedBy(units));
	}

	@Override
	public String toString() {
		return this.permits + "/" + this.window.toMillis() + "ms";
	}

}
