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
import io.qtasks.engine.DelegatingTaskQueue;
import io.qtasks.engine.DelegatingTaskRecordStore;
import io.qtasks.engine.memory.MemoryTaskEvents;
import io.qtasks.engine.memory.MemoryTaskQueue;
import io.qtasks.engine.memory.MemoryTaskRecordStore;
import io.qtasks.engine.spi.ClaimRequest;
import io.qtasks.engine.spi.Fence;
import io.qtasks.engine.spi.QueueClaim;
import io.qtasks.engine.spi.TaskEvents;
import io.qtasks.engine.spi.TaskQueue;
import io.qtasks.engine.spi.TaskRecordStore;
import io.qtasks.engine.spi.WriteResult;
import io.qtasks.test.QTasksContextRunner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * An engine that fails while a run records its state (Redis not answering, say) is not
 * the task's failure: the run stops without an outcome and the task runs again.
 *
 * @author QTasks contributors
 */
@ExtendWith(OutputCaptureExtension.class)
class BrokerFailureTests {

	private static final Duration WAIT = Duration.ofSeconds(10);

	private final MemoryTaskEvents events = new MemoryTaskEvents();

	private final FlakyRecords records = new FlakyRecords(
			new MemoryTaskRecordStore(this.events, Clock.systemUTC(), Duration.ofDays(1)));

	private final FlakyQueue queue = new FlakyQueue(new MemoryTaskQueue(Clock.systemUTC()));

	private final CountingTasks tasks = new CountingTasks();

	private final ApplicationContextRunner runner = QTasksContextRunner.create()
		.withBean(TaskEvents.class, () -> this.events)
		.withBean(TaskRecordStore.class, () -> this.records)
		.withBean(TaskQueue.class, () -> this.queue)
		.withBean(CountingTasks.class, () -> this.tasks);

	@Test
	void aStatusWriteTheBrokerFailsEndsTheRunWithoutAnOutcome() {
		this.runner.run((context) -> {
			this.records.failUpdates.set(1);
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
			this.records.failCompletes.set(1);
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
			this.queue.failClaims.set(Integer.MAX_VALUE);
			await().atMost(WAIT).until(() -> worker.getBrokerFailure().isPresent());
			assertThat(worker.getBrokerFailure()).get()
				.satisfies((failure) -> assertThat(failure.cause()).isInstanceOf(QueryTimeoutException.class));
			Task queued = context.getBean(QTasks.class).addTask("count");
			this.queue.failClaims.set(0);
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

	private static void failIfAsked(AtomicInteger failures) {
		if (failures.getAndUpdate((left) -> Math.max(0, left - 1)) > 0) {
			throw new QueryTimeoutException("Redis command timed out");
		}
	}

	/**
	 * The memory records, with writes that fail on demand as a Redis that does not answer
	 * would.
	 */
	static final class FlakyRecords extends DelegatingTaskRecordStore {

		final AtomicInteger failUpdates = new AtomicInteger();

		final AtomicInteger failCompletes = new AtomicInteger();

		FlakyRecords(TaskRecordStore delegate) {
			super(delegate);
		}

		@Override
		public String type() {
			return "flaky";
		}

		@Override
		public WriteResult write(Task record, Fence fence) {
			failIfAsked(record.isFinished() ? this.failCompletes : this.failUpdates);
			return super.write(record, fence);
		}

	}

	/**
	 * The memory queue, with claims that fail on demand.
	 */
	static final class FlakyQueue extends DelegatingTaskQueue {

		final AtomicInteger failClaims = new AtomicInteger();

		FlakyQueue(TaskQueue delegate) {
			super(delegate);
		}

		@Override
		public String type() {
			return "flaky";
		}

		@Override
		public List<QueueClaim> claim(ClaimRequest request) throws InterruptedException {
			failIfAsked(this.failClaims);
			return super.claim(request);
		}

	}

}
