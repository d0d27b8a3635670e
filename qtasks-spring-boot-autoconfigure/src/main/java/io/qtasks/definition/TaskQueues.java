package io.qtasks.definition;

import java.util.regex.Pattern;

/**
 * The rule for queue names: letters, digits, {@code .}, {@code _} and {@code -}, so that
 * every engine can name its keys, tables or channels after them.
 *
 * @author QTasks contributors
 */
public final class TaskQueues {

	private static final Pattern NAME = Pattern.compile("[A-Za-z0-9._-]{1,100}");

	private TaskQueues() {
	}

	/**
	 * Whether a queue name is valid.
	 * @param name the name
	 * @return {@code true} when it is
	 */
	public static boolean isValid(String name) {
		return NAME.matcher(name).matches();
	}

	/**
	 * Checks a queue name.
	 * @param name the name
	 * @param where what declares it, for the message
	 * @return the name
	 * @throws TaskDefinitionException when it is not valid
	 */
	static String checked(String name, String where) {
		if (!isValid(name)) {
			throw new TaskDefinitionException(
					where + ": queue '" + name + "' is not a queue name (1 to 100 letters, digits, '.', '_' or '-')");
		}
		return name;
	}

}
