package io.qtasks.engine;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

import org.junit.jupiter.api.Test;

import io.qtasks.Task;
import io.qtasks.TaskStatus;
import io.qtasks.engine.memory.MemoryTaskEvents;
import io.qtasks.engine.memory.MemoryTaskQueue;
import io.qtasks.engine.memory.MemoryTaskRecordStore;
import io.qtasks.engine.spi.ClaimRequest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A waiter on the node whose worker completed a task, registered before the completion's
 * write, has the final record as soon as the completion is stored, without waiting for
 * the engine's announcement to come back from its server. The engine here hears no
 * announcement at all: its events are not the ones its store announces to.
 *
 * @author QTasks contributors
 */
class FinishedHereTests {

	private final Clock clock = Clock.systemUTC();

	private final MemoryTaskQueue queue = new MemoryTaskQueue(this.clock);

	private final MemoryTaskRecordStore records = new MemoryTaskRecordStore(new MemoryTaskEvents(), this.clock,
			Duration.ofDays(1));

	private final TaskEventsSupport events = new TaskEventsSupport() {
	};

	private final TaskTransitions transitions = new TaskTransitions(this.clock);

	private final TaskEngine engine = new TaskEngine(this.queue, this.records, this.events,
			new SequencedTaskSteps(this.queue, this.records), this.transitions);

	@Test
	void aWaiterHereHasTheRecordWhenTheCompletionIsStored() throws InterruptedException {
		Task task = newTask();
		this.engine.enqueue(task, null);
		CompletableFuture<Task> finished = this.engine.whenFinished(task.uuid());
		TaskDelivery delivery = claimOne();

		assertThat(delivery.complete(this.transitions.succeeded(delivery.task(), "done")).written()).isTrue();

		assertThat(finished).isCompletedWithValueMatching((record) -> record.status() == TaskStatus.SUCCESS
				&& "done".equals(record.returning()) && record.uuid().equals(task.uuid()));
	}

	@Test
	void aCompletionThatClaimsTheNextTaskAlsoWakesTheWaiterHere() throws InterruptedException {
		Task first = newTask();
		Task second = newTask();
		this.engine.enqueue(first, null);
		CompletableFuture<Task> finished = this.engine.whenFinished(first.uuid());
		TaskDelivery delivery = claimOne();
		this.engine.enqueue(second, null);
		delivery.claimNextOnCompletion(() -> ClaimRequest.anyTask(1, Duration.ZERO));

		assertThat(delivery.complete(this.transitions.succeeded(delivery.task(), "done")).written()).isTrue();

		assertThat(delivery.takeClaimedOnCompletion()).extracting(TaskDelivery::uuid).containsExactly(second.uuid());
		assertThat(finished).isCompletedWithValueMatching((record) -> record.status() == TaskStatus.SUCCESS);
		assertThat(delivery.takeClaimedOnCompletion()).as("handed over once").isNull();
	}

	@Test
	void aWaiterForAnotherTaskIsNotWoken() throws InterruptedException {
		Task task = newTask();
		this.engine.enqueue(task, null);
		CompletableFuture<Task> other = this.engine.whenFinished(UUID.randomUUID());
		TaskDelivery delivery = claimOne();

		delivery.complete(this.transitions.succeeded(delivery.task(), null));

		assertThat(other).isNotDone();
	}

	@Test
	void aWaiterRegisteredOnceTheWriteIsUnderWayIsLeftToTheAnnouncement() throws InterruptedException {
		Task task = newTask();
		this.engine.enqueue(task, null);
		TaskDelivery delivery = claimOne();
		List<CompletableFuture<Task>> late = new ArrayList<>();
		// a waiter that comes after the write (the task requeued meanwhile, say) may wait
		// for
		// a later run's outcome, which the record in hand is not
		this.engine.addRecordListener((previous, record) -> {
			if (record.isFinished()) {
				late.add(this.engine.whenFinished(task.uuid()));
			}
		});

		delivery.complete(this.transitions.succeeded(delivery.task(), null));

		assertThat(late).singleElement().satisfies((future) -> assertThat(future).isNotDone());
	}

	private TaskDelivery claimOne() throws InterruptedException {
		List<TaskDelivery> claimed = this.engine.claim(ClaimRequest.anyTask(1, Duration.ofSeconds(5)));
		assertThat(claimed).hasSize(1);
		return claimed.get(0);
	}

	private Task newTask() {
		Instant now = this.clock.instant();
		return Task.builder(UUID.randomUUID(), "echo").createdAt(now).updatedAt(now).build();
	}

}
