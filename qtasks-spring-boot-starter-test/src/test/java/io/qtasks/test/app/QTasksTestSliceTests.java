package io.qtasks.test.app;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

import io.qtasks.QTasks;
import io.qtasks.config.QTasksProperties;
import io.qtasks.config.QTasksProperties.WorkerMode;
import io.qtasks.definition.TaskDefinitionRegistry;
import io.qtasks.engine.TaskEngine;
import io.qtasks.worker.InlineTaskRunner;
import io.qtasks.worker.QTasksWorker;

import io.qtasks.test.QTasksTest;
import io.qtasks.test.TaskRecorder;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What {@code @QTasksTest(tasks = EmailTasks.class)} loads: QTasks on the memory engine
 * in the inline mode, the named task class, the middlewares, the recorder, and nothing
 * else of the application.
 *
 * @author QTasks contributors
 */
@QTasksTest(tasks = EmailTasks.class)
class QTasksTestSliceTests {

	@Autowired
	private ConfigurableApplicationContext applicationContext;

	@Test
	void loadsQTasksTheNamedTaskClassAndTheMiddlewaresOnly() {
		AssertableApplicationContext context = AssertableApplicationContext.get(() -> this.applicationContext);
		assertThat(context).hasSingleBean(QTasks.class)
			.hasSingleBean(EmailTasks.class)
			.hasSingleBean(AuditMiddleware.class)
			.hasSingleBean(TaskRecorder.class)
			.hasSingleBean(InlineTaskRunner.class)
			.doesNotHaveBean(InvoiceTasks.class)
			.doesNotHaveBean(SignupService.class)
			.doesNotHaveBean(NewsletterController.class)
			.doesNotHaveBean(QTasksWorker.class);
		assertThat(context.getBean(TaskDefinitionRegistry.class).getNames()).containsExactlyInAnyOrder("send_email",
				"count_words", "upload", "read_template", "send_newsletter");
		assertThat(context.getBean(TaskEngine.class).type()).isEqualTo("memory");
		assertThat(context.getBean(QTasksProperties.class).getWorker().getMode()).isEqualTo(WorkerMode.INLINE);
	}

}
