package io.qtasks.test.app;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

import io.qtasks.config.QTasksProperties;
import io.qtasks.config.QTasksProperties.WorkerMode;

import io.qtasks.test.QTasksTest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code @QTasksTest} without named classes loads every component with a {@code @QTask}
 * method, still nothing else; its properties win over the slice's own.
 *
 * @author QTasks contributors
 */
@QTasksTest(properties = { "qtasks.worker.mode=pool", "qtasks.name=all-tasks-slice" })
class QTasksTestAllTasksTests {

	@Autowired
	private ConfigurableApplicationContext applicationContext;

	@Test
	void loadsEveryTaskClass() {
		AssertableApplicationContext context = AssertableApplicationContext.get(() -> this.applicationContext);
		assertThat(context).hasSingleBean(EmailTasks.class)
			.hasSingleBean(InvoiceTasks.class)
			.doesNotHaveBean(SignupService.class)
			.doesNotHaveBean(NewsletterController.class);
		QTasksProperties properties = context.getBean(QTasksProperties.class);
		assertThat(properties.getWorker().getMode()).isEqualTo(WorkerMode.POOL);
		assertThat(properties.getName()).isEqualTo("all-tasks-slice");
	}

}
