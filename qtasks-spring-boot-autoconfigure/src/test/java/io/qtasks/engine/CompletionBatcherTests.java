package io.qtasks.engine;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.UnaryOperator;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

import io.qtasks.RequeueOutcome;
import io.qtasks.Task;
import io.qtasks.TaskStatus;
import io.qtasks.engine.memory.MemoryTaskQueue;
import io.qtasks.engine.spi.ClaimRequest;
import io.qtasks.engine.spi.CompletedAndClaimed;
import io.qtasks.engine.spi.Completion;
import io.qtasks.engine.spi.Fence;
import io.qtasks.engine.spi.QueueClaim;
import io.qtasks.engine.spi.QueuedCancel;
import io.qtasks.engine.spi.TaskQueue;
import io.qtasks.engine.spi.TaskSteps;
import io.qtasks.engine.spi.WriteResult;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Tests for {@link CompletionBatcher}: completions of slots that finish while a step is
 * under way are written together in the next step, each getting its own write result and
 * at most one claim.
 *
 * @author QTasks contributors
 */
class CompletionBatcherTests {

	private static final Duration WAIT = Duration.ofSeconds(30);

	private static final ClaimRequest NEXT = new ClaimRequest(1, null, Duration.ZERO);

	@Test
	void completionsThatFinishWhileAStepIsUnderWayAreWrittenTogether() throws Exception {
		SteppingSteps steps = new SteppingSteps();
		CompletionBatcher batcher = new CompletionBatcher(steps, new MemoryTaskQueue(Clock.systemUTC()));

		CompletableFuture<CompletedAndClaimed> first = completeAsync(batcher, "first");
		await().atMost(WAIT).until(() -> steps.calls.size() == 1);
		List<Thread> waiting = new CopyOnWriteArrayList<>();
		// one after the other, so that the second is the older completion of the next
		// step
		CompletableFuture<CompletedAndClaimed> second = completeAsync(batcher, "second", waiting);
		await().atMost(WAIT).until(() -> allWaiting(waiting, 1));
		CompletableFuture<CompletedAndClaimed> third = completeAsync(batcher, "third", waiting);
		await().atMost(WAIT).until(() -> allWaiting(waiting, 2));
		steps.release.countDown();

		assertThat(first.get(WAIT.toMillis(), TimeUnit.MILLISECONDS).written()).containsExactly(WriteResult.WRITTEN);
		CompletedAndClaimed secondDone = second.get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
		CompletedAndClaimed thirdDone = third.get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
		assertThat(steps.calls).hasSize(2);
		assertThat(steps.calls.get(1)).extracting((call) -> call.completions().size(), (call) -> call.next().max())
			.containsExactly(2, 2);
		// the step claimed one task: it goes to the older completion
		assertThat(secondDone.claimed()).hasSize(1);
		assertThat(thirdDone.claimed()).isEmpty();
		assertThat(secondDone.written()).containsExactly(WriteResult.WRITTEN);
		assertThat(thirdDone.written()).containsExactly(WriteResult.FENCED);
	}

	@Test
	void aFailedStepFailsEveryCompletionInIt() {
		SteppingSteps steps = new SteppingSteps();
		steps.release.countDown();
		steps.failure = new IllegalStateException("engine down");
		CompletionBatcher batcher = new CompletionBatcher(steps, new MemoryTaskQueue(Clock.systemUTC()));

		CompletableFuture<CompletedAndClaimed> done = completeAsync(batcher, "failed");

		assertThat(done).failsWithin(WAIT).withThrowableThat().withMessageContaining("engine down");
	}

	@Test
	void withTwoStepsAllowedASecondStepStartsWhileTheFirstIsUnderWayAndBothCommit() throws Exception {
		SteppingSteps steps = new SteppingSteps();
		CompletionBatcher batcher = new CompletionBatcher(steps, new MemoryTaskQueue(Clock.systemUTC()), 2);

		CompletableFuture<CompletedAndClaimed> first = completeAsync(batcher, "first");
		await().atMost(WAIT).until(() -> steps.calls.size() == 1);
		CompletableFuture<CompletedAndClaimed> second = completeAsync(batcher, "second");
		await().atMost(WAIT).until(() -> steps.calls.size() == 2);
		List<Thread> waiting = new CopyOnWriteArrayList<>();
		CompletableFuture<CompletedAndClaimed> third = completeAsync(batcher, "third", waiting);
		await().atMost(WAIT).until(() -> allWaiting(waiting, 1));
		// both steps are under way: the third waits, and neither caller has returned
		assertThat(steps.calls).hasSize(2);
		assertThat(first).isNotDone();
		assertThat(second).isNotDone();
		steps.release.countDown();

		assertThat(first.get(WAIT.toMillis(), TimeUnit.MILLISECONDS).written()).containsExactly(WriteResult.WRITTEN);
		assertThat(second.get(WAIT.toMillis(), TimeUnit.MILLISECONDS).written()).containsExactly(WriteResult.WRITTEN);
		assertThat(third.get(WAIT.toMillis(), TimeUnit.MILLISECONDS).written()).containsExactly(WriteResult.WRITTEN);
		assertThat(steps.calls).hasSize(3);
	}

	@Test
	void aStepThatFailsLeavesTheCompletionsOfTheOtherStepUnderWayWritten() throws Exception {
		SteppingSteps steps = new SteppingSteps();
		steps.failingTask = "failing";
		CompletionBatcher batcher = new CompletionBatcher(steps, new MemoryTaskQueue(Clock.systemUTC()), 2);

		CompletableFuture<CompletedAndClaimed> failing = completeAsync(batcher, "failing");
		await().atMost(WAIT).until(() -> steps.calls.size() == 1);
		CompletableFuture<CompletedAndClaimed> other = completeAsync(batcher, "other");
		await().atMost(WAIT).until(() -> steps.calls.size() == 2);
		steps.release.countDown();

		assertThat(failing).failsWithin(WAIT).withThrowableThat().withMessageContaining("engine down");
		CompletedAndClaimed done = other.get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
		assertThat(done.written()).containsExactly(WriteResult.WRITTEN);
		assertThat(done.claimed()).hasSize(1);
	}

	@Test
	void aSecondCompletionOfATaskWaitsForTheStepThatCompletesItsFirst() throws Exception {
		SteppingSteps steps = new SteppingSteps();
		CompletionBatcher batcher = new CompletionBatcher(steps, new MemoryTaskQueue(Clock.systemUTC()), 2);
		UUID task = UUID.randomUUID();

		CompletableFuture<CompletedAndClaimed> late = completeAsync(batcher, completion(task, "late"),
				new ArrayList<>());
		await().atMost(WAIT).until(() -> steps.calls.size() == 1);
		List<Thread> waiting = new CopyOnWriteArrayList<>();
		CompletableFuture<CompletedAndClaimed> holder = completeAsync(batcher, completion(task, "holder"), waiting);
		await().atMost(WAIT).until(() -> allWaiting(waiting, 1));
		// a step is free, but the task's first completion is under way
		assertThat(steps.calls).hasSize(1);
		steps.release.countDown();

		late.get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
		holder.get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
		assertThat(steps.calls).hasSize(2);
		assertThat(steps.calls.get(1).completions()).extracting((completion) -> completion.claim().token())
			.containsExactly("token-holder");
	}

	private static boolean allWaiting(List<Thread> threads, int count) {
		return threads.size() == count
				&& threads.stream().allMatch((thread) -> thread.getState() == Thread.State.WAITING);
	}

	private static CompletableFuture<CompletedAndClaimed> completeAsync(CompletionBatcher batcher, String name) {
		return completeAsync(batcher, name, new ArrayList<>());
	}

	private static CompletableFuture<CompletedAndClaimed> completeAsync(CompletionBatcher batcher, String name,
			List<Thread> threads) {
		return completeAsync(batcher, completion(UUID.randomUUID(), name), threads);
	}

	private static CompletableFuture<CompletedAndClaimed> completeAsync(CompletionBatcher batcher,
			Completion completion, List<Thread> threads) {
		String name = completion.record().taskName();
		CompletableFuture<CompletedAndClaimed> result = new CompletableFuture<>();
		Thread thread = new Thread(() -> {
			try {
				result.complete(batcher.completeAndClaim(completion, NEXT));
			}
			catch (Throwable ex) {
				result.completeExceptionally(ex);
			}
		}, "completion-" + name);
		threads.add(thread);
		thread.start();
		return result;
	}

	private static Completion completion(UUID uuid, String name) {
		Task record = Task.builder(uuid, name).status(TaskStatus.SUCCESS).build();
		return new Completion(new QueueClaim(uuid, "token-" + name, 1, null), record, Fence.claim("token-" + name, 1));
	}

	/**
	 * Steps whose first completion waits for {@link #release}; the second completion of a
	 * step is fenced, and each step claims one task.
	 */
	private static final class SteppingSteps implements TaskSteps {

		final CountDownLatch release = new CountDownLatch(1);

		final List<Call> calls = new CopyOnWriteArrayList<>();

		volatile @Nullable RuntimeException failure;

		volatile @Nullable String failingTask;

		@Override
		public CompletedAndClaimed completeAndClaim(List<Completion> completions, ClaimRequest next, TaskQueue queue)
				throws InterruptedException {
			this.calls.add(new Call(completions, next));
			this.release.await();
			RuntimeException failing = this.failure;
			if (failing != null) {
				throw failing;
			}
			if (completions.stream()
				.anyMatch((completion) -> completion.record().taskName().equals(this.failingTask))) {
				throw new IllegalStateException("engine down");
			}
			List<WriteResult> written = new ArrayList<>();
			for (int i = 0; i < completions.size(); i++) {
				written.add((i == 1) ? WriteResult.FENCED : WriteResult.WRITTEN);
			}
			QueueClaim claimed = new QueueClaim(UUID.randomUUID(), "next", 1, null);
			return new CompletedAndClaimed(written, List.of(claimed));
		}

		@Override
		public boolean enqueue(Task record, @Nullable Instant dueAt) {
			throw new UnsupportedOperationException();
		}

		@Override
		public boolean releaseWaiting(UUID uuid, Function<Task, @Nullable Task> released) {
			throw new UnsupportedOperationException();
		}

		@Override
		public WriteResult complete(QueueClaim claim, Task record, Fence fence) {
			throw new UnsupportedOperationException();
		}

		@Override
		public WriteResult release(QueueClaim claim, Task record, Fence fence, @Nullable Instant until) {
			throw new UnsupportedOperationException();
		}

		@Override
		public QueuedCancel cancelQueued(UUID uuid, UnaryOperator<Task> cancelled) {
			throw new UnsupportedOperationException();
		}

		@Override
		public RequeueOutcome requeue(UUID uuid, Function<Task, @Nullable Task> requeued) {
			throw new UnsupportedOperationException();
		}

		record Call(List<Completion> completions, ClaimRequest next) {
		}

	}

}
