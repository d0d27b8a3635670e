package io.qtasks.engine;

import java.lang.ref.WeakReference;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.qtasks.Task;
import io.qtasks.engine.memory.MemoryTaskEvents;
import io.qtasks.engine.memory.MemoryTaskQueue;
import io.qtasks.engine.memory.MemoryTaskRecordStore;
import io.qtasks.engine.spi.ClaimRequest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The deliveries a completion claims for the freed worker slot are handed over once, so
 * that a slot which runs task after task from a long backlog, holding its first delivery
 * all along, does not keep every later one (and its record) reachable through it.
 *
 * @author QTasks contributors
 */
class ClaimedOnCompletionTests {

	private final Clock clock = Clock.systemUTC();

	private final MemoryTaskQueue queue = new MemoryTaskQueue(this.clock);

	private final MemoryTaskRecordStore records = new MemoryTaskRecordStore(new MemoryTaskEvents(), this.clock,
			Duration.ofDays(1));

	private final TaskTransitions transitions = new TaskTransitions(this.clock);

	private final TaskEngine engine = new TaskEngine(this.queue, this.records, new TaskEventsSupport() {
	}, new SequencedTaskSteps(this.queue, this.records), this.transitions);

	@Test
	void theNextDeliveriesAreHandedOverOnce() throws InterruptedException {
		TaskDelivery first = claimAfterEnqueueing(2);

		List<TaskDelivery> next = completeClaimingNext(first);

		assertThat(next).hasSize(1);
		assertThat(first.takeClaimedOnCompletion()).isNull();
	}

	@Test
	void aDeliveryHeldOnToDoesNotKeepTheChainOfDeliveriesAfterIt() throws InterruptedException {
		TaskDelivery first = claimAfterEnqueueing(3);
		TaskDelivery second = completeClaimingNext(first).get(0);
		WeakReference<TaskDelivery> secondRef = new WeakReference<>(second);
		TaskDelivery third = completeClaimingNext(second).get(0);
		second = null;

		await().atMost(Duration.ofSeconds(10)).until(() -> {
			System.gc();
			return secondRef.get() == null;
		});
		assertThat(first.isEnded()).isTrue();
		assertThat(third.isEnded()).isFalse();
	}

	private TaskDelivery claimAfterEnqueueing(int tasks) throws InterruptedException {
		for (int i = 0; i < tasks; i++) {
			Instant now = this.clock.instant();
			this.engine.enqueue(Task.builder(UUID.randomUUID(), "echo").createdAt(now).updatedAt(now).build(), null);
		}
		List<TaskDelivery> claimed = this.engine.claim(ClaimRequest.anyTask(1, Duration.ofSeconds(5)));
		assertThat(claimed).hasSize(1);
		return claimed.get(0);
	}

	private List<TaskDelivery> completeClaimingNext(TaskDelivery delivery) {
		delivery.claimNextOnCompletion(() -> ClaimRequest.anyTask(1, Duration.ZERO));
		assertThat(delivery.complete(this.transitions.succeeded(delivery.task(), null)).written()).isTrue();
		List<TaskDelivery> next = delivery.takeClaimedOnCompletion();
		assertThat(next).isNotNull();
		return next;
	}

}
