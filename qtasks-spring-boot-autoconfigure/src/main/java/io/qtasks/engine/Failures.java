package io.qtasks.engine;

import java.io.PrintWriter;
import java.io.StringWriter;

/**
 * How failures are written into records and log lines. A failure's own code (its message,
 * its stack trace) may throw in turn; what it throws is described in its place, so that
 * recording an outcome never fails on the failure it records.
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
		try {
			failure.printStackTrace(new PrintWriter(out));
		}
		catch (Throwable unprintable) {
			out.append('\n').append(unreadable(failure, unprintable));
		}
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
		try {
			String message = failure.getMessage();
			return failure.getClass().getName() + ((message != null) ? ": " + message : "");
		}
		catch (Throwable unreadable) {
			return unreadable(failure, unreadable);
		}
	}

	private static String unreadable(Throwable failure, Throwable thrown) {
		return failure.getClass().getName() + " (its message could not be read: " + thrown.getClass().getName() + ")";
	}

}
