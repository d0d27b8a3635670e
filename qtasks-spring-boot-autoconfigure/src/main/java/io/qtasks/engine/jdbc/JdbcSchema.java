package io.qtasks.engine.jdbc;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

import javax.sql.DataSource;

import org.springframework.core.io.ByteArrayResource;
import org.springframework.core.io.ClassPathResource;
import org.springframework.core.io.Resource;
import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.init.ScriptUtils;
import org.springframework.util.StreamUtils;

/**
 * The JDBC engine's schema: the shipped {@code schema-postgresql.sql}, run with the
 * configured table prefix, and the check at start that the tables exist on a PostgreSQL
 * database. Nodes that start together create the schema one at a time (an advisory lock),
 * and the script only creates what is missing, so running it again changes nothing.
 *
 * @author QTasks contributors
 */
public class JdbcSchema {

	/**
	 * The schema script, on the class path.
	 */
	public static final String SCRIPT = "io/qtasks/engine/jdbc/schema-postgresql.sql";

	/**
	 * Columns that later versions added to the task table, which the engine's statements
	 * need.
	 */
	private static final String[] COLUMNS = { "queue_name", "limit_key", "start_at", "start_node", "start_deliveries",
			"start_revision" };

	private final JdbcTemplate jdbc;

	private final JdbcTables tables;

	/**
	 * Creates the schema of some tables.
	 * @param dataSource the database
	 * @param tables the table names
	 */
	public JdbcSchema(DataSource dataSource, JdbcTables tables) {
		this.jdbc = new JdbcTemplate(dataSource);
		this.tables = tables;
	}

	/**
	 * The schema script for these tables.
	 * @return the SQL
	 */
	public String script() {
		Resource resource = new ClassPathResource(SCRIPT);
		try {
			return this.tables.applyTo(resource.getContentAsString(StandardCharsets.UTF_8));
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot read " + SCRIPT, ex);
		}
	}

	/**
	 * Creates the tables, sequence and indexes that are missing.
	 */
	public void create() {
		byte[] script = script().getBytes(StandardCharsets.UTF_8);
		long key = this.tables.lockKey("schema");
		this.jdbc.execute((ConnectionCallback<Void>) (connection) -> {
			requirePostgres(connection);
			call(connection, "SELECT pg_advisory_lock(?)", key);
			try {
				ScriptUtils.executeSqlScript(connection, new ByteArrayResource(script, SCRIPT));
			}
			finally {
				call(connection, "SELECT pg_advisory_unlock(?)", key);
			}
			return null;
		});
	}

	/**
	 * Checks that the database is PostgreSQL and that the tables exist.
	 * @throws IllegalStateException saying what is missing and how to create it
	 */
	public void verify() {
		this.jdbc.execute((ConnectionCallback<Void>) (connection) -> {
			requirePostgres(connection);
			for (String table : new String[] { this.tables.tasks(), this.tables.nodes(), this.tables.sequence(),
					this.tables.rates(), this.tables.uniqueKeys(), this.tables.schedules(), this.tables.waiters() }) {
				if (!exists(connection, table)) {
					throw new IllegalStateException("The table or sequence '" + table + "' of the QTasks JDBC engine"
							+ " does not exist. Create the schema with qtasks.jdbc.initialize-schema=always, or run "
							+ SCRIPT + " (from the QTasks jar, with the prefix '" + this.tables.prefix()
							+ "') with your migration tool");
				}
			}
			for (String column : COLUMNS) {
				if (!hasColumn(connection, this.tables.tasks(), column)) {
					throw new IllegalStateException("The table '" + this.tables.tasks() + "' of the QTasks JDBC engine"
							+ " has no column '" + column + "' (a table created by an earlier version). Add the"
							+ " columns with qtasks.jdbc.initialize-schema=always, or with the ALTER TABLE statements"
							+ " of " + SCRIPT + " (from the QTasks jar, with the prefix '" + this.tables.prefix()
							+ "') in a migration of your migration tool");
				}
			}
			return null;
		});
	}

	private static boolean hasColumn(Connection connection, String table, String column) throws SQLException {
		try (PreparedStatement statement = connection.prepareStatement("SELECT EXISTS (SELECT 1 FROM pg_attribute"
				+ " WHERE attrelid = to_regclass(?) AND attname = ? AND attnum > 0 AND NOT attisdropped)")) {
			statement.setString(1, table);
			statement.setString(2, column);
			try (ResultSet result = statement.executeQuery()) {
				return result.next() && result.getBoolean(1);
			}
		}
	}

	/**
	 * Whether the database is an embedded one (H2, HSQLDB, Derby).
	 * @param dataSource the database
	 * @return the flag
	 */
	public static boolean isEmbedded(DataSource dataSource) {
		return org.springframework.boot.jdbc.EmbeddedDatabaseConnection.isEmbedded(dataSource);
	}

	private static void requirePostgres(Connection connection) throws SQLException {
		DatabaseMetaData metaData = connection.getMetaData();
		String product = metaData.getDatabaseProductName();
		if (!"PostgreSQL".equalsIgnoreCase(product)) {
			throw new IllegalStateException("The QTasks JDBC engine runs on PostgreSQL 13 or later; the DataSource is "
					+ product + " " + metaData.getDatabaseProductVersion());
		}
		if (metaData.getDatabaseMajorVersion() < 13) {
			throw new IllegalStateException("The QTasks JDBC engine runs on PostgreSQL 13 or later; the DataSource is "
					+ "PostgreSQL " + metaData.getDatabaseProductVersion());
		}
	}

	private static boolean exists(Connection connection, String name) throws SQLException {
		try (PreparedStatement statement = connection.prepareStatement("SELECT to_regclass(?) IS NOT NULL")) {
			statement.setString(1, name);
			try (ResultSet result = statement.executeQuery()) {
				return result.next() && result.getBoolean(1);
			}
		}
	}

	private static void call(Connection connection, String sql, long key) throws SQLException {
		try (PreparedStatement statement = connection.prepareStatement(sql)) {
			statement.setLong(1, key);
			statement.execute();
		}
	}

}
