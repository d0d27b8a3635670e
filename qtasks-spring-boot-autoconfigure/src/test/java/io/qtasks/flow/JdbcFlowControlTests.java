package io.qtasks.flow;

import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import io.qtasks.engine.jdbc.JdbcTestApplications;
import io.qtasks.testsupport.PostgresServerExtension;
import io.qtasks.testsupport.PostgresTestServer;

/**
 * Flow control end to end on JDBC, two nodes of one application on one PostgreSQL
 * database: the cap is counted inside the task with one counter that both nodes (in this
 * JVM) share, so it holds across the nodes.
 *
 * @author QTasks contributors
 */
@ExtendWith(PostgresServerExtension.class)
class JdbcFlowControlTests extends SharedEngineFlowControlScenarios {

	private final String prefix = PostgresTestServer.uniquePrefix("flow");

	private final FlowRecorder recorder = new FlowRecorder();

	@Override
	protected ApplicationContextRunner engine() {
		return JdbcTestApplications.runner(this.prefix);
	}

	@Override
	protected FlowRecorder recorder() {
		return this.recorder;
	}

	@Override
	protected String[] shortFinishedTtl() {
		return new String[] { "qtasks.storage.finished-ttl=500ms", "qtasks.jdbc.reaper-interval=100ms" };
	}

}
