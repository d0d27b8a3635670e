package io.qtasks.test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import io.qtasks.autoconfigure.QTasksAutoConfiguration;

/**
 * The application context runner of QTasks tests: Jackson and QTasks auto-configured.
 *
 * @author QTasks contributors
 */
public final class QTasksContextRunner {

	private QTasksContextRunner() {
	}

	/**
	 * A runner with Boot's Jackson and QTasks auto-configurations.
	 * @return the runner
	 */
	public static ApplicationContextRunner create() {
		return new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(JacksonAutoConfiguration.class, QTasksAutoConfiguration.class));
	}

}
