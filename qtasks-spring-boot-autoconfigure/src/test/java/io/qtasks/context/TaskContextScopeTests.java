package io.qtasks.context;

import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Scope;
import org.springframework.context.annotation.ScopedProxyMode;

import io.qtasks.QTasks;
import io.qtasks.Task;
import io.qtasks.TaskContext;
import io.qtasks.TaskStatus;
import io.qtasks.annotation.QTask;
import io.qtasks.test.QTasksContextRunner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * Tests for {@link TaskContext} as a bean of the {@code task} scope.
 *
 * @author QTasks contributors
 */
class TaskContextScopeTests {

	private static final Duration WAIT = Duration.ofSeconds(10);

	private final ApplicationContextRunner runner = QTasksContextRunner.create()
		.withUserConfiguration(ScopeConfiguration.class);

	@Test
	void injectedContextResolvesToTheCurrentRun() {
		this.runner.run((context) -> {
			QTasks qtasks = context.getBean(QTasks.class);
			Task first = qtasks.task("audited").args("first").addAndWait(WAIT);
			Task second = qtasks.task("audited").args("second").addAndWait(WAIT);
			assertThat(first.status()).isEqualTo(TaskStatus.SUCCESS);
			assertThat(first.returning())
				.isEqualTo(Map.of("uuid", first.uuid().toString(), "name", "audited", "label", "first"));
			assertThat(second.returning())
				.isEqualTo(Map.of("uuid", second.uuid().toString(), "name", "audited", "label", "second"));
		});
	}

	@Test
	void injectedContextOutsideATaskThrows() {
		this.runner.run((context) -> {
			Auditor auditor = context.getBean(Auditor.class);
			assertThatIllegalStateException().isThrownBy(auditor::describe)
				.withMessage("No task is running on this thread: TaskContext and other beans in the 'task' scope"
						+ " exist only while a @QTask method runs");
		});
	}

	@Test
	void taskScopedBeansLiveForOneRun() {
		this.runner.run((context) -> {
			QTasks qtasks = context.getBean(QTasks.class);
			Task first = qtasks.task("counted").addAndWait(WAIT);
			Task second = qtasks.task("counted").addAndWait(WAIT);
			assertThat(first.returning()).isEqualTo(2);
			assertThat(second.returning()).isEqualTo(2);
		});
	}

	/**
	 * A bean that injects the task context, as any service might.
	 */
	static class Auditor {

		private final TaskContext context;

		Auditor(TaskContext context) {
			this.context = context;
		}

		Map<String, Object> describe() {
			return Map.of("uuid", this.context.taskUuid().toString(), "name", this.context.taskName());
		}

	}

	/**
	 * A bean with one instance per task run.
	 */
	public static class RunCounter {

		private int count;

		public int increment() {
			return ++this.count;
		}

	}

	public static class ScopeTasks {

		private final Auditor auditor;

		private final RunCounter counter;

		ScopeTasks(Auditor auditor, RunCounter counter) {
			this.auditor = auditor;
			this.counter = counter;
		}

		@QTask("audited")
		public Map<String, Object> audited(String label) {
			Map<String, Object> seen = new java.util.HashMap<>(this.auditor.describe());
			seen.put("label", label);
			return seen;
		}

		@QTask("counted")
		public int counted() {
			this.counter.increment();
			return this.counter.increment();
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class ScopeConfiguration {

		@Bean
		Auditor auditor(TaskContext context) {
			return new Auditor(context);
		}

		@Bean
		@Scope(scopeName = TaskScope.NAME, proxyMode = ScopedProxyMode.TARGET_CLASS)
		RunCounter runCounter() {
			return new RunCounter();
		}

		@Bean
		ScopeTasks scopeTasks(Auditor auditor, RunCounter runCounter) {
			return new ScopeTasks(auditor, runCounter);
		}

	}

}
