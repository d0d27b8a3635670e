package io.qtasks.reliability;

import java.util.List;

import io.qtasks.annotation.QTask;

/**
 * Tasks the bad input scenario throws bad input at, and tasks with names that are awkward
 * in Redis keys and messages.
 *
 * @author QTasks contributors
 */
public class BadInputTasks {

	/**
	 * The task names that must work like any other.
	 */
	static final List<String> AWKWARD_NAMES = List.of("report:monthly", "send the mail", "отчёт 月報 📈", "}:task:{other",
			"quotes \" and \\ backslash", "   ");

	@QTask(name = "add")
	public int add(int a, int b) {
		return a + b;
	}

	@QTask(name = "unwritable")
	public Unwritable unwritable() {
		return new Unwritable();
	}

	@QTask(name = "report:monthly")
	public String colon(String value) {
		return "colon " + value;
	}

	@QTask(name = "send the mail")
	public String spaces(String value) {
		return "spaces " + value;
	}

	@QTask(name = "отчёт 月報 📈")
	public String unicode(String value) {
		return "unicode " + value;
	}

	@QTask(name = "}:task:{other")
	public String keyLike(String value) {
		return "key-like " + value;
	}

	@QTask(name = "quotes \" and \\ backslash")
	public String quotes(String value) {
		return "quotes " + value;
	}

	@QTask(name = "   ")
	public String blank(String value) {
		return "blank " + value;
	}

	/**
	 * A result Jackson cannot write: its only property fails.
	 */
	public static class Unwritable {

		public String getValue() {
			throw new IllegalStateException("this value has no JSON form");
		}

	}

}
