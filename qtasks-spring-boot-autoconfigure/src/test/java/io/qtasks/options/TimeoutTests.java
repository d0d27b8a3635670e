package io.qtasks.options;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;

import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;

import io.qtasks.QTasks;
import io.qtasks.Task;
import io.qtasks.TaskContext;
import io.qtasks.TaskStatus;
import io.qtasks.annotation.Backoff;
import io.qtasks.annotation.QTask;

import static io.qtasks.options.OptionsTestSupport.run;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code @QTask(timeout)} and {@code qtasks.default-timeout}: a run longer than its
 * timeout is interrupted and ends as {@code error} with a {@code TimeoutException}; the
 * timeout bounds the whole run, retries included; a run that finished in time is left
 * alone.
 *
 * @author QTasks contributors
 */
class TimeoutTests {

	private final ApplicationContextRunner runner = OptionsTestSupport.runner("timeout-tests")
		.withUserConfiguration(TimeoutTasks.class);

	@Test
	void runLongerThanItsTimeoutEndsAsErrorWithATimeoutException() {
		this.runner.run((context) -> {
			Task done = run(context.getBean(QTasks.class), "sleeps_in_context");
			assertThat(done.status()).isEqualTo(TaskStatus.ERROR);
			assertThat(done.traceback()).startsWith("io.qtasks.context.TaskTimeoutException: Task " + done.uuid()
					+ " ran longer than its timeout of PT0.3S");
			assertThat(done.traceback()).contains("Caused by: java.util.concurrent.TimeoutException");
		});
	}

	@Test
	void blockedThreadIsInterrupted() {
		this.runner.run((context) -> {
			Task done = run(context.getBean(QTasks.class), "blocks_thread");
			assertThat(done.status()).isEqualTo(TaskStatus.ERROR);
			assertThat(done.traceback()).contains("java.util.concurrent.TimeoutException");
			assertThat(context.getBean(TimeoutTasks.class).interrupted).isTrue();
		});
	}

	@Test
	void defaultTimeoutAppliesToTasksThatSetNone() {
		this.runner.withPropertyValues("qtasks.default-timeout=300ms").run((context) -> {
			Task done = run(context.getBean(QTasks.class), "no_timeout_of_its_own");
			assertThat(done.status()).isEqualTo(TaskStatus.ERROR);
			assertThat(done.traceback()).contains("ran longer than its timeout of PT0.3S");
		});
	}

	@Test
	void timeoutBoundsTheWholeRunAndIsNotRetried() {
		this.runner.run((context) -> {
			Task done = run(context.getBean(QTasks.class), "retries_past_timeout");
			assertThat(done.status()).isEqualTo(TaskStatus.ERROR);
			assertThat(done.traceback()).contains("java.util.concurrent.TimeoutException");
			// 6 attempts with 200ms pauses need a second; the 500ms timeout ends the run
			// first
			assertThat(done.attempt()).isLessThan(6);
		});
	}

	@Test
	void runThatFinishedInTimeIsNeverHitByItsTimeoutLater() {
		this.runner.withPropertyValues("qtasks.worker.concurrency=1").run((context) -> {
			QTasks qtasks = context.getBean(QTasks.class);
			Task quick = run(qtasks, "quick");
			assertThat(quick.status()).isEqualTo(TaskStatus.SUCCESS);
			// the next run on the same (only) thread outlives the first run's timeout
			Task next = run(qtasks, "outlives_previous_timeout");
			assertThat(next.status()).isEqualTo(TaskStatus.SUCCESS);
			assertThat(next.returning()).isEqualTo("slept");
		});
	}

	@Configuration(proxyBeanMethods = false)
	static class TimeoutTasks {

		volatile boolean interrupted;

		@QTask(name = "sleeps_in_context", timeout = "300ms")
		public void sleepsInContext(TaskContext context) {
			context.sleep(Duration.ofMinutes(1));
		}

		@QTask(name = "blocks_thread", timeout = "300ms")
		public void blocksThread() {
			try {
				Thread.sleep(60_000);
			}
			catch (InterruptedException ex) {
				this.interrupted = true;
				// what careless code does: swallow the interrupt and carry on
			}
		}

		@QTask(name = "no_timeout_of_its_own")
		public void noTimeoutOfItsOwn(TaskContext context) {
			context.sleep(Duration.ofMinutes(1));
		}

		@QTask(name = "retries_past_timeout", timeout = "500ms", retry = 5, backoff = @Backoff(delay = "500ms"))
		public void retriesPastTimeout() {
			throw new IllegalStateException("fails");
		}

		@QTask(name = "quick", timeout = "300ms")
		public String quick() {
			return "quick";
		}

		@QTask(name = "outlives_previous_timeout")
		public String outlivesPreviousTimeout(TaskContext context) {
			context.sleep(Duration.ofMillis(600));
			return "slept";
		}

	}

}
