package io.qtasks.engine.jdbc;

import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import io.qtasks.engine.SchedulingContractTests;
import io.qtasks.testsupport.PostgresServerExtension;
import io.qtasks.testsupport.PostgresTestServer;

/**
 * Delayed tasks, unique tasks and schedules on the JDBC engine, on a real PostgreSQL.
 *
 * @author QTasks contributors
 */
@ExtendWith(PostgresServerExtension.class)
class JdbcSchedulingTests extends SchedulingContractTests {

	private final String prefix = PostgresTestServer.uniquePrefix("scheduling");

	@Override
	protected ApplicationContextRunner engine() {
		return JdbcTestApplications.runner(this.prefix);
	}

}
