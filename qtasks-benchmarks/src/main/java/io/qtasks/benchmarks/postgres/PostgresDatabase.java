package io.qtasks.benchmarks.postgres;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;

/**
 * The benchmark's own database: created on the PostgreSQL of {@code --jdbc-url} for the
 * run and dropped after it, so the harness never touches another database. Every system
 * under test gets Hikari pools on it.
 *
 * @author QTasks contributors
 */
public final class PostgresDatabase implements AutoCloseable {

	/**
	 * The database the harness creates and drops.
	 */
	public static final String NAME = "qtasks_bench";

	private final PostgresOptions options;

	private final String url;

	private final String version;

	private PostgresDatabase(PostgresOptions options, String url, String version) {
		this.options = options;
		this.url = url;
		this.version = version;
	}

	/**
	 * Creates the benchmark database afresh (dropping one a failed run left behind).
	 * @param options where PostgreSQL is
	 * @return the database
	 * @throws SQLException when PostgreSQL does not answer or refuses
	 */
	public static PostgresDatabase create(PostgresOptions options) throws SQLException {
		try (Connection admin = DriverManager.getConnection(options.jdbcUrl(), credentials(options));
				Statement statement = admin.createStatement()) {
			statement.execute("DROP DATABASE IF EXISTS " + NAME + " WITH (FORCE)");
			statement.execute("CREATE DATABASE " + NAME);
			String version;
			try (ResultSet result = statement.executeQuery("SHOW server_version")) {
				result.next();
				version = result.getString(1);
			}
			return new PostgresDatabase(options, benchUrl(options.jdbcUrl()), version);
		}
	}

	/**
	 * The benchmark database's URL: the given one with its database replaced.
	 * @param adminUrl {@code jdbc:postgresql://host:port/db?params}
	 * @return the URL of {@value #NAME} on the same server
	 */
	static String benchUrl(String adminUrl) {
		int slash = adminUrl.indexOf('/', "jdbc:postgresql://".length());
		if (!adminUrl.startsWith("jdbc:postgresql://") || slash < 0) {
			throw new IllegalArgumentException(
					"--jdbc-url must look like jdbc:postgresql://host:port/db, was " + adminUrl);
		}
		int query = adminUrl.indexOf('?', slash);
		return adminUrl.substring(0, slash + 1) + NAME + ((query >= 0) ? adminUrl.substring(query) : "");
	}

	private static Properties credentials(PostgresOptions options) {
		Properties properties = new Properties();
		properties.setProperty("user", options.user());
		properties.setProperty("password", options.password());
		return properties;
	}

	/**
	 * A new pool on the benchmark database.
	 * @param name the pool's name (in thread names and PostgreSQL's application_name)
	 * @param size its maximum size
	 * @return the pool; the caller closes it
	 */
	public HikariDataSource pool(String name, int size) {
		HikariConfig config = new HikariConfig();
		config.setJdbcUrl(this.url);
		config.setUsername(this.options.user());
		config.setPassword(this.options.password());
		config.setPoolName(name);
		config.setMaximumPoolSize(size);
		config.setMinimumIdle(Math.min(size, 2));
		config.addDataSourceProperty("ApplicationName", name);
		return new HikariDataSource(config);
	}

	/**
	 * Runs statements on a connection of its own, e.g. to create or empty tables.
	 * @param sql the statements
	 */
	public void execute(String... sql) {
		try (Connection connection = connect(); Statement statement = connection.createStatement()) {
			for (String each : sql) {
				statement.execute(each);
			}
		}
		catch (SQLException ex) {
			throw new IllegalStateException("PostgreSQL refused " + String.join("; ", sql) + ": " + ex.getMessage(),
					ex);
		}
	}

	/**
	 * Reads one number.
	 * @param sql a query answering one row of one number
	 * @return the number
	 */
	public long count(String sql) {
		try (Connection connection = connect();
				Statement statement = connection.createStatement();
				ResultSet result = statement.executeQuery(sql)) {
			result.next();
			return result.getLong(1);
		}
		catch (SQLException ex) {
			throw new IllegalStateException("PostgreSQL refused " + sql + ": " + ex.getMessage(), ex);
		}
	}

	/**
	 * A plain connection to the benchmark database.
	 * @return the connection; the caller closes it
	 * @throws SQLException when PostgreSQL refuses
	 */
	public Connection connect() throws SQLException {
		return DriverManager.getConnection(this.url, credentials(this.options));
	}

	public String url() {
		return this.url;
	}

	public String version() {
		return this.version;
	}

	public PostgresOptions options() {
		return this.options;
	}

	/**
	 * Drops the benchmark database.
	 */
	@Override
	public void close() {
		try (Connection admin = DriverManager.getConnection(this.options.jdbcUrl(), credentials(this.options));
				Statement statement = admin.createStatement()) {
			statement.execute("DROP DATABASE IF EXISTS " + NAME + " WITH (FORCE)");
		}
		catch (SQLException ex) {
			throw new IllegalStateException("Cannot drop the benchmark database " + NAME + ": " + ex.getMessage(), ex);
		}
	}

}
