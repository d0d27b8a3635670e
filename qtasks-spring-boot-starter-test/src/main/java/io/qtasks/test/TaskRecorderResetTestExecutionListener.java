package io.qtasks.test;

import org.springframework.context.ApplicationContext;
import org.springframework.core.Ordered;
import org.springframework.test.context.TestContext;
import org.springframework.test.context.support.AbstractTestExecutionListener;

/**
 * Empties the {@link TaskRecorder} before each test method, so that a test sees only the
 * tasks it enqueued even when the application context is shared with other tests.
 *
 * @author QTasks contributors
 */
public class TaskRecorderResetTestExecutionListener extends AbstractTestExecutionListener {

	@Override
	public int getOrder() {
		return Ordered.LOWEST_PRECEDENCE - 100;
	}

	@Override
	public void beforeTestMethod(TestContext testContext) {
		if (!testContext.hasApplicationContext()) {
			return;
		}
		ApplicationContext context = testContext.getApplicationContext();
		context.getBeanProvider(TaskRecorder.class).ifAvailable(TaskRecorder::clear);
	}

}
