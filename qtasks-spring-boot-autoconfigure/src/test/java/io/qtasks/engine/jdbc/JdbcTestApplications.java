package io.qtasks.engine.jdbc;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.DataSourceTransactionManagerAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.JdbcTemplateAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.transaction.autoconfigure.TransactionAutoConfiguration;

import io.qtasks.autoconfigure.QTasksAutoConfiguration;
import io.qtasks.autoconfigure.QTasksJdbcAutoConfiguration;
import io.qtasks.testsupport.PostgresTestServer;

/**
 * Context runners for QTasks applications on the test PostgreSQL (also used by the
 * reliability tests).
 *
 * @author QTasks contributors
 */
public final class JdbcTestApplications {

	private JdbcTestApplications() {
	}

	/**
	 * The auto-configurations of a QTasks application on JDBC.
	 * @return them
	 */
	public static AutoConfigurations configurations() {
		return AutoConfigurations.of(JacksonAutoConfiguration.class, DataSourceAutoConfiguration.class,
				DataSourceTransactionManagerAutoConfiguration.class, TransactionAutoConfiguration.class,
				JdbcTemplateAutoConfiguration.class, QTasksJdbcAutoConfiguration.class, QTasksAutoConfiguration.class);
	}

	/**
	 * A runner for one QTasks application on PostgreSQL, with its own tables (created at
	 * start), Spring's JDBC transaction manager and {@code JdbcTemplate}.
	 * @param tablePrefix the application's {@code qtasks.jdbc.table-prefix}
	 * @return the runner
	 */
	public static ApplicationContextRunner runner(String tablePrefix) {
		return new ApplicationContextRunner().withConfiguration(configurations())
			.withPropertyValues(PostgresTestServer.get().connectionProperties())
			.withPropertyValues("qtasks.broker.type=jdbc", "qtasks.jdbc.table-prefix=" + tablePrefix,
					"qtasks.jdbc.initialize-schema=always");
	}

}
