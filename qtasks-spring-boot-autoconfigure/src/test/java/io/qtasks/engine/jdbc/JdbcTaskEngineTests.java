package io.qtasks.engine.jdbc;

import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import io.qtasks.engine.TaskEngineContractTests;
import io.qtasks.testsupport.PostgresServerExtension;
import io.qtasks.testsupport.PostgresTestServer;

/**
 * The engine contract run against the JDBC engine on a real PostgreSQL.
 *
 * @author QTasks contributors
 */
@ExtendWith(PostgresServerExtension.class)
class JdbcTaskEngineTests extends TaskEngineContractTests {

	private final String prefix = PostgresTestServer.uniquePrefix("contract");

	@Override
	protected ApplicationContextRunner engine() {
		return JdbcTestApplications.runner(this.prefix);
	}

	@Override
	protected String[] shortFinishedTtl() {
		return new String[] { "qtasks.storage.finished-ttl=500ms", "qtasks.jdbc.reaper-interval=100ms" };
	}

}
