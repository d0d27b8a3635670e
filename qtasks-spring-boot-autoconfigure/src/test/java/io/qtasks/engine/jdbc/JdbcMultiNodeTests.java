package io.qtasks.engine.jdbc;

import javax.sql.DataSource;

import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import io.qtasks.engine.MultiNodeContractTests;
import io.qtasks.testsupport.CuttableDataSource;
import io.qtasks.testsupport.PostgresServerExtension;
import io.qtasks.testsupport.PostgresTestServer;

/**
 * Several nodes of one application sharing the tables of one PostgreSQL database.
 *
 * @author QTasks contributors
 */
@ExtendWith(PostgresServerExtension.class)
class JdbcMultiNodeTests extends MultiNodeContractTests {

	private final String prefix = PostgresTestServer.uniquePrefix("nodes");

	@Override
	protected ApplicationContextRunner application() {
		return JdbcTestApplications.runner(this.prefix)
			.withBean(CuttableDataSource.class.getName() + ".wrapping",
					org.springframework.beans.factory.config.BeanPostProcessor.class, CuttableDataSource::wrapping);
	}

	@Override
	protected String[] fastLeases() {
		return new String[] { "qtasks.jdbc.lease=1s", "qtasks.jdbc.heartbeat-interval=200ms",
				"qtasks.jdbc.reaper-interval=200ms" };
	}

	@Override
	protected void cutOff(AssertableApplicationContext node) {
		((CuttableDataSource) node.getBean(DataSource.class)).cut();
	}

}
