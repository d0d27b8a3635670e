package io.qtasks.engine.memory;

import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import io.qtasks.engine.SchedulingContractTests;
import io.qtasks.test.QTasksContextRunner;

/**
 * Delayed tasks, unique tasks and schedules on the in-memory engine.
 *
 * @author QTasks contributors
 */
class MemorySchedulingTests extends SchedulingContractTests {

	@Override
	protected ApplicationContextRunner engine() {
		return QTasksContextRunner.create();
	}

}
