package io.qtasks.engine.jdbc;

import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import io.qtasks.engine.SchedulingMultiNodeContractTests;
import io.qtasks.testsupport.PostgresServerExtension;
import io.qtasks.testsupport.PostgresTestServer;

/**
 * Delayed tasks, schedules and unique keys on several nodes of one application sharing
 * the tables of one PostgreSQL database: a due time fires once across the nodes, runtime
 * schedules and their state outlive a restart of every node.
 *
 * @author QTasks contributors
 */
@ExtendWith(PostgresServerExtension.class)
class JdbcSchedulingMultiNodeTests extends SchedulingMultiNodeContractTests {

	private final String prefix = PostgresTestServer.uniquePrefix("schedules");

	@Override
	protected ApplicationContextRunner application() {
		return JdbcTestApplications.runner(this.prefix);
	}

}
