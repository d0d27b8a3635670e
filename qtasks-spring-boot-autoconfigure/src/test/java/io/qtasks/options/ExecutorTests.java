package io.qtasks.options;

import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledForJreRange;
import org.junit.jupiter.api.condition.JRE;

import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.concurrent.ThreadPoolTaskExecutor;

import io.qtasks.QTasks;
import io.qtasks.Task;
import io.qtasks.TaskStatus;
import io.qtasks.annotation.QTask;
import io.qtasks.engine.TaskEngine;
import io.qtasks.worker.QTasksWorker;

import static io.qtasks.options.OptionsTestSupport.finished;
import static io.qtasks.options.OptionsTestSupport.run;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * {@code @QTask(executor)}: where tasks run, named after the thread that runs them, and
 * that the worker's concurrency bounds custom executors too.
 *
 * @author QTasks contributors
 */
class ExecutorTests {

	private final ApplicationContextRunner runner = OptionsTestSupport.runner("executor-tests")
		.withUserConfiguration(ExecutorConfiguration.class, ExecutorTasks.class);

	@Test
	void taskWithoutExecutorRunsOnTheWorkerPool() {
		this.runner.run((context) -> {
			Task done = run(context.getBean(QTasks.class), "on_pool");
			assertThat(done.status()).isEqualTo(TaskStatus.SUCCESS);
			assertThat((String) done.returning()).startsWith("qtasks-worker-");
		});
	}

	@Test
	void taskRunsOnTheExecutorBeanItNames() {
		this.runner.run((context) -> {
			Task done = run(context.getBean(QTasks.class), "on_reports");
			assertThat(done.status()).isEqualTo(TaskStatus.SUCCESS);
			assertThat((String) done.returning()).startsWith("reports-");
		});
	}

	@Test
	void concurrencyBoundsTasksOnACustomExecutor() {
		this.runner.withPropertyValues("qtasks.worker.concurrency=2").run((context) -> {
			QTasks qtasks = context.getBean(QTasks.class);
			ExecutorTasks tasks = context.getBean(ExecutorTasks.class);
			List<Task> queued = java.util.stream.IntStream.range(0, 5)
				.mapToObj((i) -> qtasks.addTask("blocking_on_reports"))
				.toList();
			await().atMost(OptionsTestSupport.WAIT).untilAsserted(() -> assertThat(tasks.running).hasValue(2));
			// two slots are taken: the other three stay queued, not parked in the
			// executor
			assertThat(context.getBean(TaskEngine.class).stats().pendingCount()).isEqualTo(3);
			assertThat(context.getBean(QTasksWorker.class).getInFlight()).isEqualTo(2);
			tasks.release.countDown();
			queued.forEach((task) -> assertThat(finished(qtasks, task.uuid()).status()).isEqualTo(TaskStatus.SUCCESS));
			assertThat(tasks.mostRunning).hasValue(2);
		});
	}

	@Test
	@EnabledForJreRange(min = JRE.JAVA_21)
	void virtualThreadsRunTheWorkerPoolWhenEnabled() {
		this.runner.withPropertyValues("spring.threads.virtual.enabled=true").run((context) -> {
			Task done = run(context.getBean(QTasks.class), "thread_kind");
			assertThat(done.status()).isEqualTo(TaskStatus.SUCCESS);
			assertThat((String) done.returning()).startsWith("virtual qtasks-worker-");
		});
	}

	@Test
	@EnabledForJreRange(max = JRE.JAVA_20)
	void virtualThreadsSettingIsIgnoredBeforeJava21() {
		this.runner.withPropertyValues("spring.threads.virtual.enabled=true").run((context) -> {
			Task done = run(context.getBean(QTasks.class), "thread_kind");
			assertThat(done.status()).isEqualTo(TaskStatus.SUCCESS);
			assertThat((String) done.returning()).startsWith("platform qtasks-worker-");
		});
	}

	@Test
	void anExecutorThatRejectsEverythingGetsItsTasksBackAfterAPauseAndOthersRun() {
		this.runner.run((context) -> {
			QTasks qtasks = context.getBean(QTasks.class);
			Task rejected = qtasks.addTask("on_rejecting");
			await().atMost(OptionsTestSupport.WAIT)
				.until(() -> deliveries(qtasks.get(rejected.uuid()).orElseThrow()) >= 2);
			assertThat(run(qtasks, "on_pool").status()).isEqualTo(TaskStatus.SUCCESS);
			Task waiting = qtasks.get(rejected.uuid()).orElseThrow();
			assertThat(waiting.status()).isEqualTo(TaskStatus.NEW);
			assertThat(waiting.attempt()).isZero();
			// handed back after a pause of a second each time, not in a hot loop
			assertThat(deliveries(waiting)).isLessThan(20);
			assertThat(context.getBean(QTasksWorker.class).isClaiming()).isTrue();
		});
	}

	private static int deliveries(Task task) {
		return (task.extra().get("deliveries") instanceof Number count) ? count.intValue() : 1;
	}

	@Test
	void unknownExecutorFailsStartup() {
		OptionsTestSupport.runner("executor-tests-unknown")
			.withUserConfiguration(UnknownExecutorTask.class)
			.run((context) -> assertThat(context).getFailure()
				.hasMessageContaining("names executor 'missing', but no bean has that name"));
	}

	@Configuration(proxyBeanMethods = false)
	static class ExecutorConfiguration {

		@Bean
		ThreadPoolTaskExecutor reports() {
			ThreadPoolTaskExecutor executor = new ThreadPoolTaskExecutor();
			executor.setThreadNamePrefix("reports-");
			executor.setCorePoolSize(8);
			return executor;
		}

		@Bean
		Executor rejecting() {
			return (command) -> {
				throw new RejectedExecutionException("this executor takes nothing");
			};
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class ExecutorTasks {

		final CountDownLatch release = new CountDownLatch(1);

		final AtomicInteger running = new AtomicInteger();

		final AtomicInteger mostRunning = new AtomicInteger();

		@QTask(name = "on_pool")
		public String onPool() {
			return Thread.currentThread().getName();
		}

		@QTask(name = "on_rejecting", executor = "rejecting")
		public void onRejecting() {
			throw new AssertionError("never runs");
		}

		@QTask(name = "on_reports", executor = "reports")
		public String onReports() {
			return Thread.currentThread().getName();
		}

		@QTask(name = "blocking_on_reports", executor = "reports")
		public void blockingOnReports() throws InterruptedException {
			this.mostRunning.accumulateAndGet(this.running.incrementAndGet(), Math::max);
			try {
				assertThat(this.release.await(30, TimeUnit.SECONDS)).isTrue();
			}
			finally {
				this.running.decrementAndGet();
			}
		}

		@QTask(name = "thread_kind")
		public String threadKind() throws ReflectiveOperationException {
			Thread thread = Thread.currentThread();
			// Thread.isVirtual() exists from Java 21; this module compiles for Java 17
			boolean virtual = Runtime.version().feature() >= 21
					&& (boolean) Thread.class.getMethod("isVirtual").invoke(thread);
			return (virtual ? "virtual " : "platform ") + thread.getName();
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class UnknownExecutorTask {

		@QTask(executor = "missing")
		public void unknownExecutor() {
		}

	}

}
