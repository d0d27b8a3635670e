package io.qtasks.actuate;

import org.springframework.test.context.TestPropertySource;

/**
 * {@code /actuator/qtasks} on the in-memory broker.
 *
 * @author QTasks contributors
 */
@TestPropertySource(properties = "qtasks.broker.type=memory")
class MemoryQTasksEndpointWebTests extends QTasksEndpointWebTests {

	@Override
	protected String brokerType() {
		return "memory";
	}

}
