package io.qtasks.options;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.NestedExceptionUtils;
import org.springframework.retry.RetryPolicy;
import org.springframework.retry.policy.MaxAttemptsRetryPolicy;

import io.qtasks.CancelOutcome;
import io.qtasks.QTasks;
import io.qtasks.Task;
import io.qtasks.TaskContext;
import io.qtasks.TaskStatus;
import io.qtasks.annotation.Backoff;
import io.qtasks.annotation.QTask;
import io.qtasks.worker.QTasksWorker;

import static io.qtasks.options.OptionsTestSupport.attempts;
import static io.qtasks.options.OptionsTestSupport.finished;
import static io.qtasks.options.OptionsTestSupport.run;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * {@code @QTask(retry, retryOn, retryPolicy)} and {@code qtasks.retry.retries}: which
 * failures are retried, how attempts show on the one record of a task, and that
 * cancellation is never retried.
 *
 * @author QTasks contributors
 */
class RetryTests {

	private final ApplicationContextRunner runner = OptionsTestSupport.runner("retry-tests")
		.withUserConfiguration(RetryTasks.class);

	@Test
	void matchingExceptionIsRetriedUntilTheTaskSucceeds() {
		this.runner.run((context) -> {
			QTasks qtasks = context.getBean(QTasks.class);
			Task queued = qtasks.addTask("flaky_io", 2);
			Task done = finished(qtasks, queued.uuid());
			assertThat(done.uuid()).isEqualTo(queued.uuid());
			assertThat(done.status()).isEqualTo(TaskStatus.SUCCESS);
			assertThat(done.returning()).isEqualTo("done after 3 attempts");
			assertThat(done.retry()).isEqualTo(3);
			assertThat(done.attempt()).isEqualTo(3);
			assertThat(done.traceback()).isNull();
			assertThat(attempts(done)).extracting((attempt) -> attempt.get("attempt")).containsExactly(1, 2, 3);
			assertThat(attempts(done)).extracting((attempt) -> attempt.get("error"))
				.containsExactly("java.io.IOException: failure 1", "java.io.IOException: failure 2", null);
		});
	}

	@Test
	void everyAttemptNamesTheWorkerNodeThatRanIt() {
		this.runner.run((context) -> {
			Task done = run(context.getBean(QTasks.class), "flaky_io", 1);
			String node = context.getBean(QTasksWorker.class).getId();
			assertThat(attempts(done)).hasSize(2).extracting((attempt) -> attempt.get("node")).containsOnly(node);
		});
	}

	@Test
	void subclassOfRetryOnTypeIsRetried() {
		this.runner.run((context) -> {
			Task done = run(context.getBean(QTasks.class), "missing_file");
			assertThat(done.status()).isEqualTo(TaskStatus.ERROR);
			assertThat(done.attempt()).isEqualTo(3);
			assertThat(attempts(done)).hasSize(3);
			assertThat(done.traceback()).startsWith("java.io.FileNotFoundException: report.csv");
		});
	}

	@Test
	void exceptionOutsideRetryOnIsNotRetried() {
		this.runner.run((context) -> {
			Task done = run(context.getBean(QTasks.class), "bad_state");
			assertThat(done.status()).isEqualTo(TaskStatus.ERROR);
			assertThat(done.attempt()).isEqualTo(1);
			assertThat(attempts(done)).hasSize(1);
			assertThat(done.traceback()).startsWith("java.lang.IllegalStateException: not an I/O problem");
			assertThat(context.getBean(RetryTasks.class).badStateCalls).hasValue(1);
		});
	}

	@Test
	void emptyRetryOnRetriesAnyException() {
		this.runner.run((context) -> {
			Task done = run(context.getBean(QTasks.class), "always_fails");
			assertThat(done.status()).isEqualTo(TaskStatus.ERROR);
			assertThat(done.attempt()).isEqualTo(2);
			assertThat(done.traceback()).startsWith("java.lang.IllegalArgumentException: attempt 2");
		});
	}

	@Test
	void cancelIsNeverRetried() {
		this.runner.run((context) -> {
			Task done = run(context.getBean(QTasks.class), "cancels_itself");
			assertThat(done.status()).isEqualTo(TaskStatus.CANCEL);
			assertThat(done.cancelReason()).isEqualTo("nothing to do");
			assertThat(done.attempt()).isEqualTo(1);
		});
	}

	@Test
	void recordShowsRetryAndTheLastTracebackBetweenAttemptsAndCancelEndsTheBackoff() {
		this.runner.run((context) -> {
			QTasks qtasks = context.getBean(QTasks.class);
			Task queued = qtasks.addTask("slow_retry");
			Task between = await().atMost(OptionsTestSupport.WAIT)
				.until(() -> qtasks.get(queued.uuid()).orElseThrow(), (task) -> task.status() == TaskStatus.RETRY);
			assertThat(between.attempt()).isEqualTo(1);
			assertThat(between.traceback()).startsWith("java.io.IOException: disk full");
			assertThat(attempts(between)).singleElement()
				.satisfies((attempt) -> assertThat(attempt).containsEntry("error", "java.io.IOException: disk full")
					.containsKey("endedAt"));

			assertThat(between.extra()).containsKey("dueAt");
			// the backoff is an hour: the task waits in the engine, where a cancel ends
			// it
			assertThat(qtasks.cancel(queued.uuid(), "no space left")).isEqualTo(CancelOutcome.CANCELLED);
			Task done = finished(qtasks, queued.uuid());
			assertThat(done.status()).isEqualTo(TaskStatus.CANCEL);
			assertThat(done.cancelReason()).isEqualTo("no space left");
			assertThat(done.attempt()).isEqualTo(1);
		});
	}

	@Test
	void aRetryWaitsInTheEngineAndFreesItsSlotForOtherTasks() {
		this.runner.withPropertyValues("qtasks.worker.concurrency=1").run((context) -> {
			QTasks qtasks = context.getBean(QTasks.class);
			Task queued = qtasks.addTask("fails_once_slowly");
			Task waiting = await().atMost(OptionsTestSupport.WAIT)
				.until(() -> qtasks.get(queued.uuid()).orElseThrow(), (task) -> task.status() == TaskStatus.RETRY);
			Instant due = Instant.parse((String) waiting.extra().get("dueAt"));
			// the only slot is free during the five seconds of the backoff
			Task other = qtasks.task("default_retries").addAndWait(OptionsTestSupport.WAIT);
			assertThat(other.status()).isEqualTo(TaskStatus.ERROR);
			assertThat(other.updatedAt()).isBefore(due);
			assertThat(qtasks.get(queued.uuid())).get().extracting(Task::status).isEqualTo(TaskStatus.RETRY);
			Task done = finished(qtasks, queued.uuid());
			assertThat(done.status()).isEqualTo(TaskStatus.SUCCESS);
			assertThat(done.attempt()).isEqualTo(2);
			assertThat(done.extra()).containsEntry("retried", 1).doesNotContainKey("dueAt");
			assertThat(Instant.parse((String) attempts(done).get(1).get("startedAt"))).isAfterOrEqualTo(due);
		});
	}

	@Test
	void globalRetriesApplyToTasksThatSetNone() {
		this.runner.withPropertyValues("qtasks.retry.retries=2").run((context) -> {
			Task done = run(context.getBean(QTasks.class), "default_retries");
			assertThat(done.status()).isEqualTo(TaskStatus.ERROR);
			assertThat(done.retry()).isEqualTo(2);
			assertThat(done.attempt()).isEqualTo(3);
		});
	}

	@Test
	void namedRetryPolicyBeanDecidesInsteadOfRetryAndRetryOn() {
		this.runner.run((context) -> {
			Task done = run(context.getBean(QTasks.class), "custom_policy");
			assertThat(done.status()).isEqualTo(TaskStatus.ERROR);
			assertThat(done.attempt()).isEqualTo(4);
		});
	}

	@Test
	void namedRetryPolicyStillNeverRetriesCancel() {
		this.runner.run((context) -> {
			Task done = run(context.getBean(QTasks.class), "custom_policy_cancel");
			assertThat(done.status()).isEqualTo(TaskStatus.CANCEL);
			assertThat(done.attempt()).isEqualTo(1);
		});
	}

	@Test
	void unknownRetryPolicyBeanFailsStartup() {
		OptionsTestSupport.runner("retry-tests-bad-policy")
			.withUserConfiguration(UnknownPolicyTask.class)
			.run((context) -> assertThat(context).getFailure()
				.satisfies((failure) -> assertThat(NestedExceptionUtils.getMostSpecificCause(failure))
					.hasMessageContaining("names retry policy 'noSuchPolicy', but no bean has that name")));
	}

	@Configuration(proxyBeanMethods = false)
	static class RetryTasks {

		private final Map<String, AtomicInteger> calls = new java.util.concurrent.ConcurrentHashMap<>();

		final AtomicInteger badStateCalls = new AtomicInteger();

		@Bean
		RetryPolicy fourAttempts() {
			return new MaxAttemptsRetryPolicy(4);
		}

		private int call(String task) {
			return this.calls.computeIfAbsent(task, (name) -> new AtomicInteger()).incrementAndGet();
		}

		@QTask(name = "flaky_io", retry = 3, retryOn = IOException.class)
		public String flakyIo(int failures) throws IOException {
			int attempt = call("flaky_io");
			if (attempt <= failures) {
				throw new IOException("failure " + attempt);
			}
			return "done after " + attempt + " attempts";
		}

		@QTask(name = "missing_file", retry = 2, retryOn = IOException.class)
		public void missingFile() throws IOException {
			throw new FileNotFoundException("report.csv");
		}

		@QTask(name = "bad_state", retry = 2, retryOn = IOException.class)
		public void badState() {
			this.badStateCalls.incrementAndGet();
			throw new IllegalStateException("not an I/O problem");
		}

		@QTask(name = "always_fails", retry = 1)
		public void alwaysFails() {
			throw new IllegalArgumentException("attempt " + call("always_fails"));
		}

		@QTask(name = "cancels_itself", retry = 3)
		public void cancelsItself(TaskContext context) {
			context.cancel("nothing to do");
		}

		@QTask(name = "slow_retry", retry = 1, backoff = @Backoff(delay = "1h"))
		public void slowRetry() throws IOException {
			throw new IOException("disk full");
		}

		@QTask(name = "fails_once_slowly", retry = 1, backoff = @Backoff(delay = "5s"))
		public String failsOnceSlowly() throws IOException {
			if (call("fails_once_slowly") == 1) {
				throw new IOException("not yet");
			}
			return "done";
		}

		@QTask(name = "default_retries")
		public void defaultRetries() {
			throw new IllegalStateException("fails");
		}

		@QTask(name = "custom_policy", retry = 0, retryOn = IOException.class, retryPolicy = "fourAttempts")
		public void customPolicy() {
			throw new IllegalStateException("retried by the policy bean, though not an IOException");
		}

		@QTask(name = "custom_policy_cancel", retryPolicy = "fourAttempts")
		public void customPolicyCancel(TaskContext context) {
			context.cancel("stop");
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class UnknownPolicyTask {

		@QTask(name = "unknown_policy", retryPolicy = "noSuchPolicy")
		public void unknownPolicy() {
		}

	}

}
