package io.qtasks.test.app;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.springframework.stereotype.Component;

import io.qtasks.middleware.TaskInvocation;
import io.qtasks.middleware.TaskMiddleware;

/**
 * A global middleware of the test application: remembers which tasks ran.
 *
 * @author QTasks contributors
 */
@Component
public class AuditMiddleware implements TaskMiddleware {

	private final List<String> ran = new CopyOnWriteArrayList<>();

	@Override
	public void before(TaskInvocation invocation) {
		this.ran.add(invocation.taskName());
	}

	public List<String> ran() {
		return this.ran;
	}

}
