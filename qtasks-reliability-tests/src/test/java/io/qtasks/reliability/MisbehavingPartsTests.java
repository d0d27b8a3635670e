package io.qtasks.reliability;

import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationHandler;
import io.micrometer.observation.ObservationRegistry;
import org.awaitility.core.ConditionFactory;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import io.qtasks.CancelOutcome;
import io.qtasks.QTasks;
import io.qtasks.Task;
import io.qtasks.TaskStatus;
import io.qtasks.actuate.QTasksHealthIndicator;
import io.qtasks.annotation.QTask;
import io.qtasks.autoconfigure.QTasksHealthContributorAutoConfiguration;
import io.qtasks.engine.redis.RedisKeys;
import io.qtasks.engine.redis.RedisTestApplications;
import io.qtasks.middleware.TaskInvocation;
import io.qtasks.middleware.TaskMiddleware;
import io.qtasks.observation.TaskExecutionContext;
import io.qtasks.testsupport.RedisServerExtension;
import io.qtasks.testsupport.RedisTestServer;
import io.qtasks.worker.QTasksWorker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;
import static org.awaitility.Awaitility.await;

/**
 * Scenario: errors and misbehaving parts around the tasks, on Redis: tasks that throw
 * {@code OutOfMemoryError} or overflow their stack, an {@code Error} while the failure is
 * being recorded (a middleware's {@code after}, a failure whose message cannot be read,
 * an observation handler's {@code onError}), observation handlers that throw on start or
 * stop, and executors that reject every task or fail to start a thread.
 * <p>
 * Every claimed delivery ends completed or released: none stays claimed until its lease
 * runs out (the record would show a second delivery), or forever while the node extends
 * its lease. The dispatcher keeps running the other tasks. A task its executor rejects
 * goes back to the queue after a pause, not in a hot loop. A worker that stopped claiming
 * is {@code DOWN} in its health.
 *
 * @author QTasks contributors
 */
@ExtendWith(RedisServerExtension.class)
class MisbehavingPartsTests {

	private static final Duration WAIT = Duration.ofSeconds(15);

	private static final String LEASE = "2s";

	private final String name = RedisTestServer.uniqueName("misbehaving");

	private final RedisKeys keys = new RedisKeys(this.name);

	@AfterEach
	void checkInvariantsAndDeleteKeys() {
		TestKeys.checkInvariantsAndDelete(this.name);
	}

	private ApplicationContextRunner node() {
		return RedisTestApplications.runner(this.name)
			.withConfiguration(AutoConfigurations.of(QTasksHealthContributorAutoConfiguration.class))
			.withBean(MisbehavingTasks.class)
			.withBean(ObservationRegistry.class, MisbehavingPartsTests::throwingObservations)
			.withBean("rejectingExecutor", Executor.class, () -> (task) -> {
				throw new RejectedExecutionException("the pool is full (rejects every task)");
			})
			.withBean("slowlyRejectingExecutor", Executor.class, () -> (task) -> {
				// waits for room in a full queue, then gives up
				try {
					Thread.sleep(1500);
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
				}
				throw new RejectedExecutionException("no room in the queue after 1500ms");
			})
			.withBean("threadlessExecutor", Executor.class, () -> (task) -> {
				throw new OutOfMemoryError(
						"unable to create native thread: possibly out of memory or process/resource limits reached");
			})
			.withPropertyValues("qtasks.redis.lease=" + LEASE, "qtasks.redis.reaper-interval=500ms",
					"qtasks.worker.concurrency=4", "qtasks.worker.shutdown-timeout=1s");
	}

	@Test
	void aTaskThatThrowsOutOfMemoryErrorEndsAsErrorOnce() {
		node().run((context) -> {
			Task failed = endsOnce(context, qtasks(context).addTask("oom").uuid(), TaskStatus.ERROR);
			assertThat(failed.traceback()).contains("java.lang.OutOfMemoryError: Java heap space (thrown by the task)");
			workerGoesOn(context);
		});
	}

	@Test
	void aTaskThatOverflowsItsStackEndsAsErrorOnce() {
		node().run((context) -> {
			Task failed = endsOnce(context, qtasks(context).addTask("stack_overflow").uuid(), TaskStatus.ERROR);
			assertThat(failed.traceback()).contains("java.lang.StackOverflowError");
			workerGoesOn(context);
		});
	}

	@Test
	void anErrorInAMiddlewaresAfterEndsTheTaskAsErrorOnce() {
		node().run((context) -> {
			Task failed = endsOnce(context, qtasks(context).addTask("after_throws").uuid(), TaskStatus.ERROR);
			assertThat(failed.traceback()).contains("java.lang.NoClassDefFoundError: io/example/Missing");
			workerGoesOn(context);
		});
	}

	@Test
	void aFailureWhoseMessageThrowsAnErrorStillEndsTheTaskOnce() {
		node().run((context) -> {
			endsOnce(context, qtasks(context).addTask("unprintable").uuid(), TaskStatus.ERROR);
			workerGoesOn(context);
		});
	}

	@Test
	void anObservationHandlerThatThrowsOnErrorLosesNoOutcome() {
		node().run((context) -> {
			Task failed = endsOnce(context, qtasks(context).addTask("observed_error").uuid(), TaskStatus.ERROR);
			assertThat(failed.traceback()).contains("the task fails on purpose");
			workerGoesOn(context);
		});
	}

	@Test
	void anObservationHandlerThatThrowsOnStartStrandsNoTask() {
		node().run((context) -> {
			UUID uuid = qtasks(context).addTask("observed_start").uuid();
			Task done = finished(context, uuid);
			assertThat(done.status()).as("%s", Records.describe(done)).isIn(TaskStatus.SUCCESS, TaskStatus.ERROR);
			assertDeliveredOnce(context, uuid);
			workerGoesOn(context);
		});
	}

	@Test
	void anObservationHandlerThatThrowsOnStopLosesNoOutcome() {
		node().run((context) -> {
			Task done = endsOnce(context, qtasks(context).addTask("observed_stop").uuid(), TaskStatus.SUCCESS);
			assertThat(done.returning()).isEqualTo("observed");
			workerGoesOn(context);
		});
	}

	@Test
	void aTaskItsExecutorRejectsGoesBackAfterAPauseWhileTheRestRuns() {
		node().run((context) -> {
			QTasks qtasks = qtasks(context);
			long started = System.nanoTime();
			UUID uuid = qtasks.addTask("rejected").uuid();
			waiting().until(() -> deliveries(uuid) >= 3);
			for (int i = 0; i < 10; i++) {
				workerGoesOn(context);
			}
			long deliveries = deliveries(uuid);
			double seconds = (System.nanoTime() - started) / 1e9;
			// a hand-back waits a second before the task is due again: a hot loop would
			// deliver it thousands of times
			assertThat(deliveries).as("deliveries of the rejected task in %.1f s", seconds)
				.isLessThanOrEqualTo(2 + (long) (2 * seconds));
			Task rejected = qtasks.get(uuid).orElseThrow();
			assertThat(rejected.status()).as("%s", Records.describe(rejected)).isEqualTo(TaskStatus.NEW);
			assertThat(qtasks.cancel(uuid, "rejected too often")).isIn(CancelOutcome.CANCELLED,
					CancelOutcome.CANCEL_REQUESTED);
			assertThat(finished(context, uuid).status()).isEqualTo(TaskStatus.CANCEL);
		});
	}

	@Test
	void aTaskRejectedWhileACancelIsPendingEndsAsCancel() {
		node().run((context) -> {
			QTasks qtasks = qtasks(context);
			UUID uuid = qtasks.addTask("slowly_rejected").uuid();
			// claimed, and its executor still looking for room
			waiting().until(() -> deliveries(uuid) == 1 && inflight(uuid));
			assertThat(qtasks.cancel(uuid, "no longer needed")).isEqualTo(CancelOutcome.CANCEL_REQUESTED);
			Task cancelled = finished(context, uuid);
			assertThat(cancelled.status()).as("%s", Records.describe(cancelled)).isEqualTo(TaskStatus.CANCEL);
			assertThat(cancelled.cancelReason()).isEqualTo("no longer needed");
			assertThat(deliveries(uuid)).as("deliveries of %s", uuid).isEqualTo(1);
			workerGoesOn(context);
		});
	}

	@Test
	void anExecutorThatCannotStartAThreadNeitherStrandsTheTaskNorStopsTheDispatcher() {
		node().run((context) -> {
			UUID uuid = qtasks(context).addTask("no_thread").uuid();
			waiting().until(() -> deliveries(uuid) >= 1);
			// handed back (and waiting), or ended, but not held while its node extends
			// the lease
			try {
				waiting().until(() -> !inflight(uuid));
			}
			catch (ConditionTimeoutException ex) {
				fail("Task %s is still claimed after %s: %s", uuid, WAIT, rawTask(uuid));
			}
			workerGoesOn(context);
		});
	}

	@Test
	void aWorkerThatStoppedClaimingIsDown() {
		node().run((context) -> {
			QTasks qtasks = qtasks(context);
			qtasks.addTask("no_thread");
			UUID next = qtasks.addTask("ok").uuid();
			boolean claiming = qtasks.waitResult(next, WAIT).isPresent();
			Health health = context.getBean(QTasksHealthIndicator.class).health(true);
			assertThat(health.getStatus())
				.as("health of a worker that %s: %s", claiming ? "claims tasks" : "stopped claiming tasks", health)
				.isEqualTo(claiming ? Status.UP : Status.DOWN);
			assertThat(context.getBean(QTasksWorker.class).isRunning()).isTrue();
		});
	}

	/**
	 * Awaitility rethrows in the test what any thread lets through, by default; here
	 * threads that die are what the scenario looks for, and an {@code OutOfMemoryError}
	 * would end the whole test run (JUnit does not go on after one).
	 */
	private static ConditionFactory waiting() {
		return await().atMost(WAIT).dontCatchUncaughtExceptions();
	}

	private Task endsOnce(AssertableApplicationContext context, UUID uuid, TaskStatus status) {
		Task done = finished(context, uuid);
		assertThat(done.status()).as("%s", Records.describe(done)).isEqualTo(status);
		assertDeliveredOnce(context, uuid);
		return done;
	}

	private void assertDeliveredOnce(AssertableApplicationContext context, UUID uuid) {
		Task done = qtasks(context).get(uuid).orElseThrow();
		assertThat(done.extra()).as("%s", Records.describe(done)).doesNotContainKey("deliveries");
		assertThat(deliveries(uuid)).as("deliveries of %s", uuid).isEqualTo(1);
		assertThat(inflight(uuid)).as("task %s is still claimed", uuid).isFalse();
	}

	private Task finished(AssertableApplicationContext context, UUID uuid) {
		QTasks qtasks = qtasks(context);
		return qtasks.waitResult(uuid, WAIT)
			.orElseGet(() -> fail("Task %s did not finish within %s: %s; in Redis %s", uuid, WAIT,
					Records.describe(qtasks.get(uuid).orElse(null)), rawTask(uuid)));
	}

	private static void workerGoesOn(AssertableApplicationContext context) {
		Task next = qtasks(context).task("ok").addAndWait(WAIT);
		assertThat(next.status()).as("the next task: %s", next).isEqualTo(TaskStatus.SUCCESS);
	}

	private long deliveries(UUID uuid) {
		String deliveries = RedisTestServer.get().commands().hget(this.keys.task(uuid), "deliveries");
		return (deliveries != null) ? Long.parseLong(deliveries) : 0;
	}

	private boolean inflight(UUID uuid) {
		return RedisTestServer.get().commands().zscore(this.keys.inflight(), uuid.toString()) != null;
	}

	private Object rawTask(UUID uuid) {
		var fields = RedisTestServer.get().commands().hgetall(this.keys.task(uuid));
		fields.remove("record");
		return fields + ", in inflight " + inflight(uuid);
	}

	private static QTasks qtasks(AssertableApplicationContext context) {
		return context.getBean(QTasks.class);
	}

	/**
	 * Observation handlers that throw for the tasks named after them.
	 */
	private static ObservationRegistry throwingObservations() {
		ObservationRegistry registry = ObservationRegistry.create();
		registry.observationConfig().observationHandler(new ObservationHandler<>() {

			@Override
			public void onStart(Observation.Context context) {
				if (taskName(context).equals("observed_start")) {
					throw new IllegalStateException("the observation handler fails on start");
				}
			}

			@Override
			public void onError(Observation.Context context) {
				if (taskName(context).equals("observed_error")) {
					throw new AssertionError("the observation handler fails on error");
				}
			}

			@Override
			public void onStop(Observation.Context context) {
				if (taskName(context).equals("observed_stop")) {
					throw new IllegalStateException("the observation handler fails on stop");
				}
			}

			@Override
			public boolean supportsContext(Observation.Context context) {
				return context instanceof TaskExecutionContext;
			}

			private String taskName(Observation.Context context) {
				return ((TaskExecutionContext) context).getTask().taskName();
			}

		});
		return registry;
	}

	/**
	 * The tasks of the scenario.
	 */
	static class MisbehavingTasks {

		@QTask(name = "ok")
		public String ok() {
			return "ok";
		}

		@QTask(name = "oom")
		public void oom() {
			throw new OutOfMemoryError("Java heap space (thrown by the task)");
		}

		@QTask(name = "stack_overflow")
		public int stackOverflow() {
			return recurse(0);
		}

		@QTask(name = "after_throws", middlewaresAfter = ErrorInAfter.class)
		public String afterThrows() {
			return "done";
		}

		@QTask(name = "unprintable")
		public void unprintable() {
			throw new UnprintableException();
		}

		@QTask(name = "observed_start")
		public String observedStart() {
			return "observed";
		}

		@QTask(name = "observed_stop")
		public String observedStop() {
			return "observed";
		}

		@QTask(name = "observed_error")
		public void observedError() {
			throw new IllegalStateException("the task fails on purpose");
		}

		@QTask(name = "rejected", executor = "rejectingExecutor")
		public String rejected() {
			return "ran";
		}

		@QTask(name = "slowly_rejected", executor = "slowlyRejectingExecutor")
		public String slowlyRejected() {
			return "ran";
		}

		@QTask(name = "no_thread", executor = "threadlessExecutor")
		public String noThread() {
			return "ran";
		}

		private static int recurse(int depth) {
			return recurse(depth + 1) + 1;
		}

	}

	/**
	 * A middleware whose {@code after} throws an {@code Error}, as a class that fails to
	 * load would.
	 */
	static class ErrorInAfter implements TaskMiddleware {

		@Override
		public void after(TaskInvocation invocation) {
			throw new NoClassDefFoundError("io/example/Missing");
		}

	}

	/**
	 * A failure whose message cannot be read: describing it throws an {@code Error}.
	 */
	static class UnprintableException extends RuntimeException {

		@Override
		public String getMessage() {
			throw new AssertionError("this failure's message cannot be read");
		}

	}

}
