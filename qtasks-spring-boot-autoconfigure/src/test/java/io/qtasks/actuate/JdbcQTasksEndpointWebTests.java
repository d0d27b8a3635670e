package io.qtasks.actuate;

import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import io.qtasks.testsupport.PostgresServerExtension;
import io.qtasks.testsupport.PostgresTestServer;

/**
 * {@code /actuator/qtasks} on the JDBC broker, on a real PostgreSQL.
 *
 * @author QTasks contributors
 */
@ExtendWith(PostgresServerExtension.class)
class JdbcQTasksEndpointWebTests extends QTasksEndpointWebTests {

	private static final String PREFIX = PostgresTestServer.uniquePrefix("endpoint");

	@DynamicPropertySource
	static void postgres(DynamicPropertyRegistry registry) {
		PostgresTestServer server = PostgresTestServer.get();
		registry.add("spring.datasource.url", server::url);
		registry.add("spring.datasource.username", () -> "postgres");
		registry.add("qtasks.broker.type", () -> "jdbc");
		registry.add("qtasks.jdbc.table-prefix", () -> PREFIX);
		registry.add("qtasks.jdbc.initialize-schema", () -> "always");
	}

	@Override
	protected String brokerType() {
		return "jdbc";
	}

}
