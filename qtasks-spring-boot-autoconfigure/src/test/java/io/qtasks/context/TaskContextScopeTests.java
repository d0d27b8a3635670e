package io.qtasks.context;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

import jakarta.annotation.PreDestroy;

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
import static org.awaitility.Awaitility.await;

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

	@Test
	void taskScopedBeansAreDestroyedAtTheEndOfEveryRunWhateverItsOutcome() {
		this.runner.withPropertyValues("qtasks.worker.shutdown-timeout=2s").run((context) -> {
			QTasks qtasks = context.getBean(QTasks.class);
			RunResources resources = context.getBean(RunResources.class);
			Task succeeded = qtasks.task("uses_resource").args("succeed").addAndWait(WAIT);
			Task failed = qtasks.task("uses_resource").args("fail").addAndWait(WAIT);
			Task timedOut = qtasks.task("uses_resource_briefly").addAndWait(WAIT);
			Task running = qtasks.task("uses_resource").args("wait").add();
			await().atMost(WAIT).until(() -> resources.opened.contains(running.uuid()));
			qtasks.cancel(running.uuid(), "stop");
			Task cancelled = qtasks.waitResult(running.uuid(), WAIT).orElseThrow();
			assertThat(List.of(succeeded.status(), failed.status(), timedOut.status(), cancelled.status()))
				.containsExactly(TaskStatus.SUCCESS, TaskStatus.ERROR, TaskStatus.ERROR, TaskStatus.CANCEL);
			List<UUID> runs = List.of(succeeded.uuid(), failed.uuid(), timedOut.uuid(), cancelled.uuid());
			await().atMost(WAIT).untilAsserted(() -> {
				assertThat(resources.preDestroyed).containsExactlyInAnyOrderElementsOf(runs);
				assertThat(resources.closed).containsExactlyInAnyOrderElementsOf(runs);
			});
		});
	}

	/**
	 * What happened to the task-scoped resources, by run.
	 */
	static class RunResources {

		final Set<UUID> opened = ConcurrentHashMap.newKeySet();

		final List<UUID> preDestroyed = new CopyOnWriteArrayList<>();

		final List<UUID> closed = new CopyOnWriteArrayList<>();

	}

	/**
	 * A task-scoped bean that must be released after each run, both ways Spring knows.
	 */
	public static class RunResource implements AutoCloseable {

		private final RunResources resources;

		private final UUID run;

		RunResource(RunResources resources, TaskContext context) {
			this.resources = resources;
			this.run = context.taskUuid();
			resources.opened.add(this.run);
		}

		public UUID run() {
			return this.run;
		}

		@PreDestroy
		void release() {
			this.resources.preDestroyed.add(this.run);
		}

		@Override
		public void close() {
			this.resources.closed.add(this.run);
		}

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

		private final RunResource resource;

		ScopeTasks(Auditor auditor, RunCounter counter, RunResource resource) {
			this.auditor = auditor;
			this.counter = counter;
			this.resource = resource;
		}

		@QTask("audited")
		public Map<String, Object> audited(String label) {
			Map<String, Object> seen = new java.util.HashMap<>(this.auditor.describe());
			seen.put("label", label);
			return seen;
		}

		@QTask("uses_resource")
		public String usesResource(String how) throws InterruptedException {
			this.resource.run();
			if ("fail".equals(how)) {
				throw new IllegalStateException("failed on purpose");
			}
			if ("wait".equals(how)) {
				Thread.sleep(WAIT.toMillis());
			}
			return how;
		}

		@QTask(name = "uses_resource_briefly", timeout = "200ms")
		public String usesResourceBriefly() throws InterruptedException {
			this.resource.run();
			Thread.sleep(WAIT.toMillis());
			return "never";
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
		RunResources runResources() {
			return new RunResources();
		}

		@Bean
		@Scope(scopeName = TaskScope.NAME, proxyMode = ScopedProxyMode.TARGET_CLASS)
		RunResource runResource(RunResources resources, TaskContext context) {
			return new RunResource(resources, context);
		}

		@Bean
		ScopeTasks scopeTasks(Auditor auditor, RunCounter runCounter, RunResource runResource) {
			return new ScopeTasks(auditor, runCounter, runResource);
		}

	}

}
