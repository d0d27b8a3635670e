package io.qtasks.options;

import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;

import io.qtasks.CancelOutcome;
import io.qtasks.QTasks;
import io.qtasks.Task;
import io.qtasks.TaskCancelledException;
import io.qtasks.TaskContext;
import io.qtasks.TaskStatus;
import io.qtasks.annotation.QTask;

import static io.qtasks.options.OptionsTestSupport.finished;
import static io.qtasks.options.OptionsTestSupport.run;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * {@link QTasks#cancel(UUID, String)}: a queued task is cancelled at once and never runs,
 * a running one is interrupted and ends as {@code cancel} with the reason, a finished one
 * is left as it is.
 *
 * @author QTasks contributors
 */
class CancelTests {

	private final ApplicationContextRunner runner = OptionsTestSupport.runner("cancel-tests")
		.withPropertyValues("qtasks.worker.concurrency=1")
		.withUserConfiguration(CancelTasks.class);

	@Test
	void queuedTaskIsCancelledAtOnceAndNeverRuns() {
		this.runner.run((context) -> {
			QTasks qtasks = context.getBean(QTasks.class);
			CancelTasks tasks = context.getBean(CancelTasks.class);
			Task blocker = qtasks.addTask("blocker");
			assertThat(tasks.blockerStarted.await(30, TimeUnit.SECONDS)).isTrue();
			Task queued = qtasks.addTask("counted");

			assertThat(qtasks.cancel(queued.uuid(), "not needed")).isEqualTo(CancelOutcome.CANCELLED);
			Task cancelled = qtasks.get(queued.uuid()).orElseThrow();
			assertThat(cancelled.status()).isEqualTo(TaskStatus.CANCEL);
			assertThat(cancelled.cancelReason()).isEqualTo("not needed");

			tasks.releaseBlocker.countDown();
			assertThat(finished(qtasks, blocker.uuid()).status()).isEqualTo(TaskStatus.SUCCESS);
			// FIFO on one slot: had the cancelled task stayed queued, it would run before
			// this one
			assertThat(run(qtasks, "counted").status()).isEqualTo(TaskStatus.SUCCESS);
			assertThat(tasks.countedRuns).hasValue(1);
			assertThat(qtasks.get(queued.uuid()).orElseThrow()).isEqualTo(cancelled);
		});
	}

	@Test
	void runningTaskIsInterruptedInContextSleepAndEndsAsCancelWithTheReason() {
		this.runner.run((context) -> {
			QTasks qtasks = context.getBean(QTasks.class);
			CancelTasks tasks = context.getBean(CancelTasks.class);
			Task queued = qtasks.addTask("sleeper");
			await().atMost(OptionsTestSupport.WAIT)
				.until(() -> qtasks.get(queued.uuid()).orElseThrow().status() == TaskStatus.PROCESS);

			assertThat(qtasks.cancel(queued.uuid(), "user pressed stop")).isEqualTo(CancelOutcome.CANCEL_REQUESTED);
			Task done = finished(qtasks, queued.uuid());
			assertThat(done.status()).isEqualTo(TaskStatus.CANCEL);
			assertThat(done.cancelReason()).isEqualTo("user pressed stop");
			assertThat(done.traceback()).isNull();
			assertThat(tasks.sleepEndedBy).isInstanceOf(TaskCancelledException.class);
		});
	}

	@Test
	void runningTaskThatSwallowsTheInterruptStillEndsAsCancel() {
		this.runner.run((context) -> {
			QTasks qtasks = context.getBean(QTasks.class);
			CancelTasks tasks = context.getBean(CancelTasks.class);
			Task queued = qtasks.addTask("swallows_interrupt");
			assertThat(tasks.swallowerStarted.await(30, TimeUnit.SECONDS)).isTrue();

			assertThat(qtasks.cancel(queued.uuid(), "stop")).isEqualTo(CancelOutcome.CANCEL_REQUESTED);
			Task done = finished(qtasks, queued.uuid());
			assertThat(done.status()).isEqualTo(TaskStatus.CANCEL);
			assertThat(done.returning()).isNull();
		});
	}

	@Test
	void finishedTaskIsLeftAsItIs() {
		this.runner.run((context) -> {
			QTasks qtasks = context.getBean(QTasks.class);
			Task done = run(qtasks, "counted");
			assertThat(qtasks.cancel(done.uuid(), "too late")).isEqualTo(CancelOutcome.ALREADY_FINISHED);
			assertThat(qtasks.get(done.uuid())).contains(done);
		});
	}

	@Test
	void unknownTaskIsNotFound() {
		this.runner.run((context) -> assertThat(context.getBean(QTasks.class).cancel(UUID.randomUUID(), "why"))
			.isEqualTo(CancelOutcome.NOT_FOUND));
	}

	@Configuration(proxyBeanMethods = false)
	static class CancelTasks {

		final CountDownLatch blockerStarted = new CountDownLatch(1);

		final CountDownLatch releaseBlocker = new CountDownLatch(1);

		final CountDownLatch swallowerStarted = new CountDownLatch(1);

		final AtomicInteger countedRuns = new AtomicInteger();

		volatile RuntimeException sleepEndedBy;

		@QTask(name = "blocker")
		public void blocker() throws InterruptedException {
			this.blockerStarted.countDown();
			assertThat(this.releaseBlocker.await(30, TimeUnit.SECONDS)).isTrue();
		}

		@QTask(name = "counted")
		public void counted() {
			this.countedRuns.incrementAndGet();
		}

		@QTask(name = "sleeper", retry = 3)
		public void sleeper(TaskContext context) {
			try {
				context.sleep(Duration.ofMinutes(1));
			}
			catch (RuntimeException ex) {
				this.sleepEndedBy = ex;
				throw ex;
			}
		}

		@QTask(name = "swallows_interrupt", retry = 3)
		public String swallowsInterrupt() {
			this.swallowerStarted.countDown();
			try {
				Thread.sleep(60_000);
			}
			catch (InterruptedException ex) {
				// careless code: no re-interrupt, returns as if all went well
			}
			return "finished anyway";
		}

	}

}
