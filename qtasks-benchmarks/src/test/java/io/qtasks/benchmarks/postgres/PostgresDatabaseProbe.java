package io.qtasks.benchmarks.postgres;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * Looks at the server of a benchmark run from outside the harness.
 *
 * @author QTasks contributors
 */
final class PostgresDatabaseProbe {

	private final String jdbcUrl;

	PostgresDatabaseProbe(String jdbcUrl) {
		this.jdbcUrl = jdbcUrl;
	}

	boolean benchDatabaseExists() {
		try (Connection connection = DriverManager.getConnection(this.jdbcUrl, "postgres", "");
				Statement statement = connection.createStatement();
				ResultSet result = statement
					.executeQuery("SELECT count(*) FROM pg_database WHERE datname = '" + PostgresDatabase.NAME + "'")) {
			result.next();
			return result.getLong(1) > 0;
		}
		catch (SQLException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
