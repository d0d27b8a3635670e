package io.qtasks.workflow;

import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import io.qtasks.engine.jdbc.JdbcTestApplications;
import io.qtasks.testsupport.PostgresServerExtension;
import io.qtasks.testsupport.PostgresTestServer;

/**
 * The workflow contract on the JDBC engine (PostgreSQL) (with what only a shared engine
 * can show).
 *
 * @author QTasks contributors
 */
@ExtendWith(PostgresServerExtension.class)
class JdbcWorkflowTests extends SharedEngineWorkflowContractTests {

	private final String prefix = PostgresTestServer.uniquePrefix("workflow");

	@Override
	protected ApplicationContextRunner engine() {
		return JdbcTestApplications.runner(this.prefix);
	}

}
