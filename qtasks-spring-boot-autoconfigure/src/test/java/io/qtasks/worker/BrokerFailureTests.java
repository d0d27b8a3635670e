package io.qtasks.worker;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.dao.QueryTimeoutException;

import io.qtasks.QTasks;
import io.qtasks.Task;
import io.qtasks.TaskStatus;
import io.qtasks.annotation.QTask;
import io.qtasks.broker.DelegatingTaskBroker;
import io.qtasks.broker.TaskBroker;
import io.qtasks.broker.TaskDelivery;
import io.qtasks.broker.memory.MemoryTaskBroker;
import io.qtasks.storage.memory.MemoryTaskStorage;
import io.qtasks.test.QTasksContextRunner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A broker that fails while a run records its state (Redis not answering, say) is not the
 * task's failure: the run stops without an outcome and the task runs again.
 *
 * @author QTasks contributors
 */
@ExtendWith(OutputCaptureExtension.class)
class BrokerFailureTests {

	private static final Duration WAIT = Duration.ofSeconds(10);

	private final MemoryTaskStorage storage = new MemoryTaskStorage(Clock.systemUTC(), Duration.ofDays(1));

	private final FlakyBroker broker = new FlakyBroker(new MemoryTaskBroker(this.storage, Clock.systemUTC()));

	private final CountingTasks tasks = new CountingTasks();

	private final ApplicationContextRunner runner = QTasksContextRunner.create()
		.withBean(MemoryTaskStorage.class, () -> this.storage)
		.withBean(TaskBroker.class, () -> this.broker)
		.withBean(CountingTasks.class, () -> this.tasks);

	@Test
	void aStatusWriteTheBrokerFailsEndsTheRunWithoutAnOutcome() {
		this.runner.run((context) -> {
			this.broker.failUpdates.set(1);
			Task done = context.getBean(QTasks.class).task("count").addAndWait(WAIT);
			assertThat(done.status()).isEqualTo(TaskStatus.SUCCESS);
			assertThat(done.extra()).containsEntry("deliveries", 2);
			// the failed write came before the call, so the method ran once
			assertThat(this.tasks.calls).hasValue(1);
		});
	}

	@Test
	void anOutcomeTheBrokerFailedToStoreIsNotTurnedIntoAnError() {
		this.runner.run((context) -> {
			this.broker.failCompletes.set(1);
			Task done = context.getBean(QTasks.class).task("count").addAndWait(WAIT);
			assertThat(done.status()).isEqualTo(TaskStatus.SUCCESS);
			assertThat(done.traceback()).isNull();
			assertThat(done.extra()).containsEntry("deliveries", 2);
			assertThat(this.tasks.calls).hasValue(2);
		});
	}

	@Test
	void theWorkerReportsABrokerItCannotReachAndGoesOnWhenItIsBack(CapturedOutput output) {
		this.runner.run((context) -> {
			QTasksWorker worker = context.getBean(QTasksWorker.class);
			this.broker.failReceives.set(Integer.MAX_VALUE);
			await().atMost(WAIT).until(() -> worker.getBrokerFailure().isPresent());
			assertThat(worker.getBrokerFailure()).get()
				.satisfies((failure) -> assertThat(failure.cause()).isInstanceOf(QueryTimeoutException.class));
			Task queued = context.getBean(QTasks.class).addTask("count");
			this.broker.failReceives.set(0);
			assertThat(context.getBean(QTasks.class).waitResult(queued.uuid(), WAIT)).get()
				.extracting(Task::status)
				.isEqualTo(TaskStatus.SUCCESS);
			assertThat(worker.getBrokerFailure()).isEmpty();
			assertThat(worker.isRunning()).isTrue();
			assertThat(output).containsOnlyOnce("cannot receive tasks from the flaky broker")
				.contains("receives tasks from the flaky broker again");
		});
	}

	static class CountingTasks {

		final AtomicInteger calls = new AtomicInteger();

		@QTask(name = "count")
		public int count() {
			return this.calls.incrementAndGet();
		}

	}

	/**
	 * The memory broker, with writes that fail on demand as a Redis that does not answer
	 * would.
	 */
	static final class FlakyBroker extends DelegatingTaskBroker {

		final AtomicInteger failUpdates = new AtomicInteger();

		final AtomicInteger failCompletes = new AtomicInteger();

		final AtomicInteger failReceives = new AtomicInteger();

		FlakyBroker(TaskBroker delegate) {
			super("flaky", delegate);
		}

		@Override
		public List<TaskDelivery> receive(int max, Duration timeout) throws InterruptedException {
			failIfAsked(this.failReceives);
			return super.receive(max, timeout).stream().<TaskDelivery>map(FlakyDelivery::new).toList();
		}

		private static void failIfAsked(AtomicInteger failures) {
			if (failures.getAndUpdate((left) -> Math.max(0, left - 1)) > 0) {
				throw new QueryTimeoutException("Redis command timed out");
			}
		}

		private final class FlakyDelivery implements TaskDelivery {

			private final TaskDelivery delegate;

			FlakyDelivery(TaskDelivery delegate) {
				this.delegate = delegate;
			}

			@Override
			public Task task() {
				return this.delegate.task();
			}

			@Override
			public int deliveries() {
				return this.delegate.deliveries();
			}

			@Override
			public boolean update(Task record) {
				failIfAsked(FlakyBroker.this.failUpdates);
				return this.delegate.update(record);
			}

			@Override
			public boolean complete(Task record) {
				failIfAsked(FlakyBroker.this.failCompletes);
				return this.delegate.complete(record);
			}

			@Override
			public void release() {
				this.delegate.release();
			}

		}

	}

}
