package io.qtasks.engine;

import java.io.PrintWriter;
import java.io.StringWriter;

/**
 * How failures are written into records and log lines.
 *
 * @author QTasks contributors
 */
public final class Failures {

	private static final int MAX_TRACEBACK_LENGTH = 32 * 1024;

	private Failures() {
	}

	/**
	 * A failure's stack trace, shortened when very long.
	 * @param failure the failure
	 * @return the text for a record's traceback
	 */
	public static String traceback(Throwable failure) {
		StringWriter out = new StringWriter();
		failure.printStackTrace(new PrintWriter(out));
		String text = out.toString();
		return (text.length() > MAX_TRACEBACK_LENGTH) ? text.substring(0, MAX_TRACEBACK_LENGTH) + "\n\t… (truncated)"
				: text;
	}

	/**
	 * A failure on one line: its class and message.
	 * @param failure the failure
	 * @return for example {@code java.io.IOException: disk full}
	 */
	public static String describe(Throwable failure) {
		return failure.getClass().getName() + ((failure.getMessage() != null) ? ": " + failure.getMessage() : "");
	}

}
