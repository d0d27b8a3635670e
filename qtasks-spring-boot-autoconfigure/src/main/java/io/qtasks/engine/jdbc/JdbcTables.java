package io.qtasks.engine.jdbc;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The names of the JDBC engine's tables and notification channels, all under one prefix.
 * The prefix goes into SQL text, so only a plain identifier is accepted.
 *
 * @author QTasks contributors
 */
public final class JdbcTables {

	/**
	 * The prefix the shipped schema script is written with.
	 */
	public static final String DEFAULT_PREFIX = "qtasks_";

	private static final Pattern IDENTIFIER = Pattern.compile("[a-z_][a-z0-9_]*");

	/**
	 * PostgreSQL truncates longer identifiers; the longest name added to the prefix is
	 * {@code task_expires_idx}.
	 */
	private static final int MAX_PREFIX_LENGTH = 63 - "task_expires_idx".length();

	private final String prefix;

	/**
	 * Creates the names.
	 * @param prefix the prefix of every table, such as {@code qtasks_}: lowercase
	 * letters, digits and underscores, not starting with a digit
	 * @throws IllegalArgumentException when the prefix is no such identifier
	 */
	public JdbcTables(String prefix) {
		if (prefix == null || !IDENTIFIER.matcher(prefix).matches() || prefix.length() > MAX_PREFIX_LENGTH) {
			throw new IllegalArgumentException("The table prefix must be lowercase letters, digits and underscores,"
					+ " not starting with a digit, at most " + MAX_PREFIX_LENGTH + " characters, such as '"
					+ DEFAULT_PREFIX + "'; was " + ((prefix != null) ? "'" + prefix + "'" : null));
		}
		this.prefix = prefix;
	}

	/**
	 * The prefix.
	 * @return the prefix
	 */
	public String prefix() {
		return this.prefix;
	}

	/**
	 * The table of tasks: records and queue together.
	 * @return the name
	 */
	public String tasks() {
		return this.prefix + "task";
	}

	/**
	 * The sequence that orders tasks within a priority.
	 * @return the name
	 */
	public String sequence() {
		return this.prefix + "task_seq";
	}

	/**
	 * The table of claim instants of rate-limited task names.
	 * @return the name
	 */
	public String rates() {
		return this.prefix + "rate";
	}

	/**
	 * The table of the unique keys.
	 * @return its name
	 */
	public String uniqueKeys() {
		return this.prefix + "unique";
	}

	/**
	 * The table of the schedules.
	 * @return its name
	 */
	public String schedules() {
		return this.prefix + "schedule";
	}

	/**
	 * The table of the nodes that wait for results: the ends of tasks are announced only
	 * while one is listed.
	 * @return its name
	 */
	public String waiters() {
		return this.prefix + "waiter";
	}

	/**
	 * The table of live worker nodes.
	 * @return the name
	 */
	public String nodes() {
		return this.prefix + "node";
	}

	/**
	 * The channel that tells claimants that tasks were queued.
	 * @return the name
	 */
	public String wakeChannel() {
		return this.prefix + "wake";
	}

	/**
	 * The channel that tells of finished tasks (payload: the uuid).
	 * @return the name
	 */
	public String finishedChannel() {
		return this.prefix + "finished";
	}

	/**
	 * The channel of cancel requests (payload: JSON with uuid, token and reason).
	 * @return the name
	 */
	public String cancelChannel() {
		return this.prefix + "cancel";
	}

	/**
	 * A script written with {@link #DEFAULT_PREFIX}, with this prefix in its place.
	 * @param script the script
	 * @return the script for these tables
	 */
	public String applyTo(String script) {
		return script.replace(DEFAULT_PREFIX, this.prefix);
	}

	/**
	 * SQL with the names in place of {@code {tasks}}, {@code {seq}}, {@code {nodes}},
	 * {@code {waiters}} and {@code {rates}}.
	 * @param template the SQL
	 * @return the SQL for these tables
	 */
	String sql(String template) {
		return template.replace("{tasks}", tasks())
			.replace("{seq}", sequence())
			.replace("{nodes}", nodes())
			.replace("{rates}", rates())
			.replace("{unique}", uniqueKeys())
			.replace("{schedules}", schedules())
			.replace("{waiters}", waiters());
	}

	/**
	 * A key for advisory locks that this application's nodes share.
	 * @param purpose what the lock is for
	 * @return the key
	 */
	long lockKey(String purpose) {
		return (this.prefix + purpose).toLowerCase(Locale.ROOT).hashCode() * 31L + 0x51A5L;
	}

}
