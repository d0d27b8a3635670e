package io.qtasks.engine;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.event.EventListener;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;

import io.qtasks.CancelOutcome;
import io.qtasks.QTasks;
import io.qtasks.RequeueOutcome;
import io.qtasks.Task;
import io.qtasks.TaskStatus;
import io.qtasks.engine.spi.ClaimRequest;
import io.qtasks.engine.spi.NewTask;
import io.qtasks.engine.spi.TaskQuery;
import io.qtasks.engine.spi.TaskQueue;
import io.qtasks.engine.spi.WriteResult;
import io.qtasks.node.WorkerNode;
import io.qtasks.node.WorkerNodeRegistry;
import io.qtasks.event.TaskEvent;
import io.qtasks.event.TaskRetryScheduledEvent;
import io.qtasks.worker.QTasksWorker;

import org.assertj.core.api.InstanceOfAssertFactories;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

/**
 * The behaviour every engine (queue, records and events) must have, run against each one
 * by a subclass, so that their semantics cannot drift apart.
 *
 * @author QTasks contributors
 */
public abstract class TaskEngineContractTests {

	private static final Duration WAIT = Duration.ofSeconds(20);

	protected final TaskProbe probe = new TaskProbe();

	/**
	 * A context runner with the engine under test configured, for one application name.
	 * @return the runner
	 */
	protected abstract ApplicationContextRunner engine();

	/**
	 * Properties that make finished records expire after about a second and get forgotten
	 * promptly.
	 * @return the properties
	 */
	protected abstract String[] shortFinishedTtl();

	protected ApplicationContextRunner worker(String... properties) {
		return engine().withBean(TaskProbe.class, () -> this.probe)
			.withBean(EngineTestTasks.class)
			.withBean(TaskEventRecorder.class)
			.withPropertyValues(properties);
	}

	protected ApplicationContextRunner clientOnly(String... properties) {
		return worker(properties).withPropertyValues("qtasks.worker.enabled=false");
	}

	/**
	 * The flow control contract, on this engine.
	 */
	@Nested
	class FlowControl extends FlowControlContract {

		@Override
		protected ApplicationContextRunner clientOnly() {
			return TaskEngineContractTests.this.clientOnly();
		}

	}

	@Test
	void addTaskStoresANewRecordAndQueuesIt() {
		clientOnly().run((context) -> {
			Task queued = qtasks(context).addTask("echo", "hello");
			assertThat(queued.status()).isEqualTo(TaskStatus.NEW);
			Task stored = qtasks(context).get(queued.uuid()).orElseThrow();
			assertThat(stored).isEqualTo(queued);
			assertThat(engine(context).stats().pendingCount()).isEqualTo(1);
			assertThat(engine(context).stats().countByStatus()).containsEntry(TaskStatus.NEW, 1L);
		});
	}

	@Test
	void namesAndArgumentsAreStoredExactly() {
		clientOnly().run((context) -> {
			Map<String, Object> nested = new LinkedHashMap<>();
			nested.put("quote", "\"';:{}|\\");
			nested.put("big", Long.MAX_VALUE);
			nested.put("none", null);
			nested.put("list", List.of(1, 2.5, true, "ü→✓"));
			String name = "weird:name {with} spaces|pipes\nand a newline";
			Task queued = qtasks(context).task(name)
				.args("a:b:c", "line1\nline2", nested, List.of())
				.kwarg("key with : colon", "{\"json\": true}")
				.add();
			Task stored = qtasks(context).get(queued.uuid()).orElseThrow();
			assertThat(stored.taskName()).isEqualTo(name);
			assertThat(stored.args()).isEqualTo(queued.args());
			assertThat(stored.kwargs()).isEqualTo(queued.kwargs());
			TaskDelivery delivery = claim(context, 1, WAIT).get(0);
			assertThat(delivery.task()).isEqualTo(queued);
		});
	}

	@Test
	void claimsLowerPriorityFirstAndInArrivalOrderWithinAPriority() {
		clientOnly().run((context) -> {
			QTasks qtasks = qtasks(context);
			UUID late = qtasks.task("echo").args("late").priority(5).add().uuid();
			UUID first = qtasks.task("echo").args("first").priority(1).add().uuid();
			UUID later = qtasks.task("echo").args("later").priority(5).add().uuid();
			UUID urgent = qtasks.task("echo").args("urgent").priority(-3).add().uuid();
			UUID second = qtasks.task("echo").args("second").priority(1).add().uuid();
			List<UUID> claimed = new ArrayList<>();
			while (claimed.size() < 5) {
				claim(context, 2, WAIT).forEach((delivery) -> claimed.add(delivery.task().uuid()));
			}
			assertThat(claimed).containsExactly(urgent, first, second, late, later);
		});
	}

	@Test
	void claimsNoMoreTasksThanAskedFor() {
		clientOnly().run((context) -> {
			for (int i = 0; i < 5; i++) {
				qtasks(context).addTask("echo", i);
			}
			List<TaskDelivery> claimed = claim(context, 2, WAIT);
			assertThat(claimed).hasSize(2);
			assertThat(engine(context).stats().pendingCount()).isEqualTo(3);
		});
	}

	@Test
	void tasksClaimedTogetherEachHoldTheirOwnToken() {
		clientOnly().run((context) -> {
			for (int i = 0; i < 3; i++) {
				qtasks(context).addTask("echo", i);
			}
			List<TaskDelivery> claimed = new ArrayList<>();
			while (claimed.size() < 3) {
				claimed.addAll(claim(context, 3 - claimed.size(), WAIT));
			}
			assertThat(claimed).extracting(TaskDelivery::token)
				.doesNotHaveDuplicates()
				.allMatch((token) -> token.matches("[0-9a-f]{32}"), "32 lowercase hex digits");
			for (TaskDelivery delivery : claimed) {
				assertThat(delivery.complete(engine(context).transitions().succeeded(delivery.task(), null)).written())
					.as("the completion of the claim holding %s", delivery.token())
					.isTrue();
			}
			assertThat(engine(context).stats().countByStatus()).containsEntry(TaskStatus.SUCCESS, 3L);
		});
	}

	@Test
	void receiveReturnsNothingWhenTheQueueStaysEmpty() {
		clientOnly().run((context) -> assertThat(claim(context, 3, Duration.ofMillis(100))).isEmpty());
	}

	@Test
	void receiveWakesUpForATaskEnqueuedWhileItWaits() {
		clientOnly().run((context) -> {
			CompletableFuture<List<TaskDelivery>> received = new CompletableFuture<>();
			Thread receiver = receiver(context, Duration.ofMinutes(5), received);
			await().atMost(WAIT).until(() -> receiver.getState() == Thread.State.TIMED_WAITING);
			Task queued = qtasks(context).addTask("echo", "wake up");
			List<TaskDelivery> claimed = received.get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
			assertThat(claimed).extracting((delivery) -> delivery.task().uuid()).containsExactly(queued.uuid());
		});
	}

	@Test
	void receiveStopsWaitingWhenInterrupted() {
		clientOnly().run((context) -> {
			CompletableFuture<List<TaskDelivery>> received = new CompletableFuture<>();
			Thread receiver = receiver(context, Duration.ofMinutes(5), received);
			await().atMost(WAIT).until(() -> receiver.getState() == Thread.State.TIMED_WAITING);
			receiver.interrupt();
			assertThatExceptionOfType(ExecutionException.class)
				.isThrownBy(() -> received.get(WAIT.toMillis(), TimeUnit.MILLISECONDS))
				.withCauseInstanceOf(InterruptedException.class);
		});
	}

	@Test
	void addAndWaitReturnsTheResult() {
		worker().run((context) -> {
			Task done = qtasks(context).task("describe")
				.args(List.of(1, "two"), Map.of("k", "v:w"), "text")
				.addAndWait(WAIT);
			assertThat(done.status()).isEqualTo(TaskStatus.SUCCESS);
			assertThat(done.returning())
				.isEqualTo(Map.of("list", List.of(1, "two"), "map", Map.of("k", "v:w"), "text", "text"));
			assertThat(done.attempt()).isEqualTo(1);
			assertThat(qtasks(context).get(done.uuid())).contains(done);
		});
	}

	@Test
	void anEnqueueRetriedWithTheSameUuidQueuesTheTaskOnce() {
		clientOnly().run((context) -> {
			UUID uuid = UUID.randomUUID();
			Task first = qtasks(context).task("echo").uuid(uuid).args("first").add();
			Task again = qtasks(context).task("echo").uuid(uuid).args("second").priority(-5).add();
			assertThat(first.uuid()).isEqualTo(uuid);
			assertThat(again).isEqualTo(first);
			assertThat(again.args()).containsExactly("first");
			assertThat(engine(context).stats().pendingCount()).isEqualTo(1);
			assertThat(engine(context).stats().countByStatus()).containsEntry(TaskStatus.NEW, 1L);
		});
	}

	@Test
	void enqueueAllStoresTheNewRecordsAndQueuesThemInTheirOrder() {
		clientOnly().run((context) -> {
			Task existing = qtasks(context).addTask("echo", "already there");
			List<NewTask> batch = new ArrayList<>();
			for (int i = 0; i < 5; i++) {
				batch.add(new NewTask(newRecord("echo"), null));
			}
			batch.add(new NewTask(existing.toBuilder().args(List.of("not stored again")).build(), null));
			Task later = newRecord("echo");
			batch.add(new NewTask(later, Instant.now().plusSeconds(3600)));
			assertThat(engine(context).enqueueAll(batch)).containsExactly(true, true, true, true, true, false, true);
			assertThat(qtasks(context).get(existing.uuid())).contains(existing);
			assertThat(engine(context).stats().pendingCount()).isEqualTo(6);
			assertThat(engine(context).stats().waitingCount()).isEqualTo(1);
			assertThat(engine(context).stats().countByStatus()).containsEntry(TaskStatus.NEW, 7L);
			List<UUID> claimed = new ArrayList<>();
			while (claimed.size() < 6) {
				claim(context, 6, WAIT).forEach((delivery) -> claimed.add(delivery.uuid()));
			}
			List<UUID> expected = new ArrayList<>(List.of(existing.uuid()));
			batch.subList(0, 5).forEach((task) -> expected.add(task.record().uuid()));
			assertThat(claimed).containsExactlyElementsOf(expected);
			assertThat(events(context).kinds(batch.get(0).record().uuid())).containsExactly("TaskEnqueuedEvent");
			assertThat(engine(context).enqueueAll(List.of())).isEmpty();
		});
	}

	@Test
	void concurrentEnqueuesOfOneUuidStoreOneTaskAndAllReturnIt() {
		clientOnly().run((context) -> {
			UUID uuid = UUID.randomUUID();
			List<CompletableFuture<Task>> enqueues = new ArrayList<>();
			for (int i = 0; i < 6; i++) {
				String arg = "try " + i;
				enqueues
					.add(CompletableFuture.supplyAsync(() -> qtasks(context).task("echo").uuid(uuid).args(arg).add()));
			}
			List<Task> returned = new ArrayList<>();
			for (CompletableFuture<Task> enqueue : enqueues) {
				returned.add(enqueue.get(WAIT.toMillis(), TimeUnit.MILLISECONDS));
			}
			Task stored = qtasks(context).get(uuid).orElseThrow();
			assertThat(returned).allSatisfy((task) -> assertThat(task).isEqualTo(stored));
			assertThat(engine(context).stats().pendingCount()).isEqualTo(1);
		});
	}

	@Test
	void anEnqueueWithTheUuidOfAFinishedTaskReturnsItsOutcome() {
		worker().run((context) -> {
			UUID uuid = UUID.randomUUID();
			Task done = qtasks(context).task("record").uuid(uuid).args("once").addAndWait(WAIT);
			assertThat(done.status()).isEqualTo(TaskStatus.SUCCESS);
			Task again = qtasks(context).task("record").uuid(uuid).args("once").add();
			assertThat(again.status()).isEqualTo(TaskStatus.SUCCESS);
			assertThat(again.returning()).isEqualTo(done.returning());
			assertThat(qtasks(context).task("record").uuid(uuid).addAndWait(WAIT)).isEqualTo(done);
			assertThat(this.probe.runs("once")).isEqualTo(1);
		});
	}

	@Test
	void theUuidOfATaskCannotBeReusedForAnotherTask() {
		clientOnly().run((context) -> {
			UUID uuid = qtasks(context).task("echo").uuid(UUID.randomUUID()).add().uuid();
			assertThatExceptionOfType(IllegalArgumentException.class)
				.isThrownBy(() -> qtasks(context).task("describe").uuid(uuid).add())
				.withMessageContaining(uuid.toString())
				.withMessageContaining("'echo'");
			assertThat(qtasks(context).get(uuid).orElseThrow().taskName()).isEqualTo("echo");
			assertThat(engine(context).stats().pendingCount()).isEqualTo(1);
		});
	}

	@Test
	void aSuccessfulTaskPublishesItsEventsInOrder() {
		worker().run((context) -> {
			Task done = qtasks(context).task("echo").args("evented").addAndWait(WAIT);
			assertThat(done.status()).isEqualTo(TaskStatus.SUCCESS);
			await().atMost(WAIT)
				.untilAsserted(() -> assertThat(events(context).kinds(done.uuid())).containsExactly("TaskEnqueuedEvent",
						"TaskStartedEvent", "TaskSucceededEvent"));
			List<TaskEvent> events = events(context).of(done.uuid());
			assertThat(events.get(0).task().status()).isEqualTo(TaskStatus.NEW);
			assertThat(events.get(1).task().status()).isEqualTo(TaskStatus.PROCESS);
			assertThat(events.get(1).task().attempt()).isEqualTo(1);
			assertThat(events.get(2).task()).isEqualTo(done);
		});
	}

	@Test
	void aRetriedTaskPublishesARetryAndASecondStart() {
		worker("qtasks.retry.backoff.delay=50ms").run((context) -> {
			Task done = qtasks(context).task("flaky_retried").args("evented retry").addAndWait(WAIT);
			assertThat(done.status()).isEqualTo(TaskStatus.SUCCESS);
			await().atMost(WAIT)
				.untilAsserted(() -> assertThat(events(context).kinds(done.uuid())).containsExactly("TaskEnqueuedEvent",
						"TaskStartedEvent", "TaskRetryScheduledEvent", "TaskStartedEvent", "TaskSucceededEvent"));
			List<TaskEvent> events = events(context).of(done.uuid());
			TaskRetryScheduledEvent retry = (TaskRetryScheduledEvent) events.get(2);
			assertThat(retry.task().status()).isEqualTo(TaskStatus.RETRY);
			assertThat(retry.task().traceback()).contains("the first run of evented retry fails");
			assertThat(retry.retryAt()).isNotNull();
			assertThat(events.get(3).task().attempt()).isEqualTo(2);
		});
	}

	@Test
	void aFailedTaskPublishesItsFailure() {
		worker().run((context) -> {
			Task failed = qtasks(context).task("fail").args("evented failure").addAndWait(WAIT);
			assertThat(failed.status()).isEqualTo(TaskStatus.ERROR);
			await().atMost(WAIT)
				.untilAsserted(() -> assertThat(events(context).kinds(failed.uuid()))
					.containsExactly("TaskEnqueuedEvent", "TaskStartedEvent", "TaskFailedEvent"));
			assertThat(events(context).of(failed.uuid()).get(2).task().traceback()).contains("evented failure");
		});
	}

	@Test
	void cancelledTasksPublishTheirCancelQueuedOrRunning() throws Exception {
		worker().run((context) -> {
			Task running = qtasks(context).addTask("sleep", "evented cancel");
			assertThat(this.probe.awaitStart("evented cancel", WAIT)).isTrue();
			assertThat(qtasks(context).cancel(running.uuid(), "enough")).isEqualTo(CancelOutcome.CANCEL_REQUESTED);
			assertThat(qtasks(context).waitResult(running.uuid(), WAIT)).get()
				.extracting(Task::status)
				.isEqualTo(TaskStatus.CANCEL);
			await().atMost(WAIT)
				.untilAsserted(() -> assertThat(events(context).kinds(running.uuid()))
					.containsExactly("TaskEnqueuedEvent", "TaskStartedEvent", "TaskCancelledEvent"));
		});
		clientOnly().run((context) -> {
			Task queued = qtasks(context).addTask("echo", "cancelled while queued");
			assertThat(qtasks(context).cancel(queued.uuid(), "not needed")).isEqualTo(CancelOutcome.CANCELLED);
			assertThat(events(context).kinds(queued.uuid())).containsExactly("TaskEnqueuedEvent", "TaskCancelledEvent");
			assertThat(events(context).of(queued.uuid()).get(1).task().cancelReason()).isEqualTo("not needed");
		});
	}

	@Test
	void aListenerThatThrowsChangesNoOutcome() {
		worker().withBean(ThrowingTaskListener.class).run((context) -> {
			Task done = qtasks(context).task("echo").args("despite the listener").addAndWait(WAIT);
			assertThat(done.status()).isEqualTo(TaskStatus.SUCCESS);
			assertThat(done.returning()).isEqualTo("despite the listener");
			await().atMost(WAIT)
				.untilAsserted(() -> assertThat(events(context).kinds(done.uuid())).containsExactly("TaskEnqueuedEvent",
						"TaskStartedEvent", "TaskSucceededEvent"));
			assertThat(context.getBean(ThrowingTaskListener.class).heard).hasValue(3);
		});
	}

	static class ThrowingTaskListener {

		final AtomicInteger heard = new AtomicInteger();

		@EventListener
		@Order(Ordered.LOWEST_PRECEDENCE)
		void on(TaskEvent event) {
			this.heard.incrementAndGet();
			throw new IllegalStateException("a listener that always fails");
		}

	}

	@Test
	void asyncTasksFinishWithTheirValueOrItsFailure() {
		worker().run((context) -> {
			assertThat(qtasks(context).task("future").args("done").addAndWait(WAIT).returning())
				.isEqualTo("future done");
			assertThat(qtasks(context).task("mono").args("done").addAndWait(WAIT).returning()).isEqualTo("mono done");
			Task future = qtasks(context).task("future").args("fail").addAndWait(WAIT);
			assertThat(future.status()).isEqualTo(TaskStatus.ERROR);
			assertThat(future.traceback()).startsWith("java.lang.IllegalStateException: no future");
			Task mono = qtasks(context).task("mono").args("fail").addAndWait(WAIT);
			assertThat(mono.status()).isEqualTo(TaskStatus.ERROR);
			assertThat(mono.traceback()).startsWith("java.lang.IllegalStateException: no mono");
		});
	}

	@Test
	void cancellingAnAsyncTaskCancelsItsPendingValue() {
		worker().run((context) -> {
			Task pending = qtasks(context).addTask("future", "pending");
			assertThat(this.probe.awaitStart("future", WAIT)).isTrue();
			assertThat(qtasks(context).cancel(pending.uuid(), "no more waiting"))
				.isEqualTo(CancelOutcome.CANCEL_REQUESTED);
			assertThat(qtasks(context).waitResult(pending.uuid(), WAIT)).get()
				.extracting(Task::status)
				.isEqualTo(TaskStatus.CANCEL);
			assertThat(context.getBean(EngineTestTasks.class).pendingFuture().isCancelled()).isTrue();
		});
	}

	@Test
	void waitResultReturnsAFailureWithItsTraceback() {
		worker().run((context) -> {
			Task queued = qtasks(context).addTask("fail", "it broke");
			Task failed = qtasks(context).waitResult(queued.uuid(), WAIT).orElseThrow();
			assertThat(failed.status()).isEqualTo(TaskStatus.ERROR);
			assertThat(failed.traceback()).contains("IllegalStateException: it broke");
		});
	}

	@Test
	void aTaskNoWorkerKnowsEndsAsError() {
		worker("qtasks.worker.unknown-task-timeout=0s").run((context) -> {
			Task done = qtasks(context).task("no:such {task}").addAndWait(WAIT);
			assertThat(done.status()).isEqualTo(TaskStatus.ERROR);
			assertThat(done.traceback()).contains("Unknown task 'no:such {task}'");
		});
	}

	@Test
	void waitResultGivesUpAfterTheTimeout() {
		clientOnly().run((context) -> {
			Task queued = qtasks(context).addTask("echo", "nobody runs me");
			assertThat(qtasks(context).waitResult(queued.uuid(), Duration.ofMillis(200))).isEmpty();
			assertThat(qtasks(context).waitResult(UUID.randomUUID(), Duration.ofMillis(200))).isEmpty();
		});
	}

	@Test
	void cancellingAQueuedTaskEndsItAtOnce() {
		clientOnly().run((context) -> {
			Task queued = qtasks(context).addTask("echo", "never");
			assertThat(qtasks(context).cancel(queued.uuid(), "not needed")).isEqualTo(CancelOutcome.CANCELLED);
			Task cancelled = qtasks(context).waitResult(queued.uuid(), WAIT).orElseThrow();
			assertThat(cancelled.status()).isEqualTo(TaskStatus.CANCEL);
			assertThat(cancelled.cancelReason()).isEqualTo("not needed");
			assertThat(engine(context).stats().pendingCount()).isZero();
			assertThat(claim(context, 1, Duration.ofMillis(100))).isEmpty();
			assertThat(engine(context).stats().countByStatus()).containsEntry(TaskStatus.NEW, 0L)
				.containsEntry(TaskStatus.CANCEL, 1L);
			assertThat(qtasks(context).cancel(queued.uuid(), "again")).isEqualTo(CancelOutcome.ALREADY_FINISHED);
			assertThat(qtasks(context).cancel(UUID.randomUUID(), "who?")).isEqualTo(CancelOutcome.NOT_FOUND);
		});
	}

	@Test
	void cancellingARunningTaskInterruptsIt() {
		worker().run((context) -> {
			Task queued = qtasks(context).addTask("sleep", "cancel-running");
			assertThat(this.probe.awaitStart("cancel-running", WAIT)).isTrue();
			assertThat(qtasks(context).cancel(queued.uuid(), "stop now")).isEqualTo(CancelOutcome.CANCEL_REQUESTED);
			Task cancelled = qtasks(context).waitResult(queued.uuid(), WAIT).orElseThrow();
			assertThat(cancelled.status()).isEqualTo(TaskStatus.CANCEL);
			assertThat(cancelled.cancelReason()).isEqualTo("stop now");
		});
	}

	@Test
	void cancellingAClaimedTaskIsStoredAndAnnouncedToItsClaim() {
		clientOnly().run((context) -> {
			List<String> heard = new CopyOnWriteArrayList<>();
			engine(context)
				.addCancelRequestListener((uuid, token, reason) -> heard.add(uuid + " " + token + " " + reason));
			Task queued = qtasks(context).addTask("echo", "claimed");
			TaskDelivery delivery = claim(context, 1, WAIT).get(0);
			assertThat(delivery.write(started(context, delivery)).written()).isTrue();
			assertThat(qtasks(context).cancel(queued.uuid(), "changed my mind"))
				.isEqualTo(CancelOutcome.CANCEL_REQUESTED);
			await().atMost(WAIT)
				.until(() -> heard.contains(queued.uuid() + " " + delivery.token() + " changed my mind"));
			assertThat(engine(context).storedCancelRequest(delivery)).contains("changed my mind");
			assertThat(delivery.complete(transitions(context).cancelled(delivery.task(), "changed my mind")).written())
				.isTrue();
			assertThat(engine(context).storedCancelRequest(delivery)).isEmpty();
			assertThat(qtasks(context).get(queued.uuid())).get().extracting(Task::status).isEqualTo(TaskStatus.CANCEL);
		});
	}

	@Test
	void aClaimedTaskWithACancelRequestIsNotHandedBack() {
		clientOnly().run((context) -> {
			Task queued = qtasks(context).addTask("echo", "handed back");
			TaskDelivery delivery = claim(context, 1, WAIT).get(0);
			assertThat(qtasks(context).cancel(queued.uuid(), "not any more")).isEqualTo(CancelOutcome.CANCEL_REQUESTED);
			WriteResult handedBack = delivery.release(transitions(context).handedBack(delivery.task(), "test"), null);
			assertThat(handedBack.kind()).isEqualTo(WriteResult.Kind.CANCEL_REQUESTED);
			assertThat(handedBack.cancelReason()).isEqualTo("not any more");
			assertThat(engine(context).stats().pendingCount()).isZero();
			assertThat(delivery.complete(transitions(context).cancelled(delivery.task(), "not any more")).written())
				.isTrue();
		});
	}

	@Test
	void aCancelRequestReachesTheNextClaimWhenItsClaimRanOut() {
		clientOnly().run((context) -> {
			Task queued = qtasks(context).addTask("echo", "next claim");
			TaskDelivery first = claim(context, 1, WAIT).get(0);
			assertThat(qtasks(context).cancel(queued.uuid(), "too late")).isEqualTo(CancelOutcome.CANCEL_REQUESTED);
			// what a worker that dies leaves: its claim ends without an outcome
			abandon(context, first);
			TaskDelivery second = claim(context, 1, WAIT).get(0);
			assertThat(second.uuid()).isEqualTo(queued.uuid());
			assertThat(second.cancelRequest()).isEqualTo("too late");
		});
	}

	@Test
	void aRequeuedTaskForgetsTheCancelRequestOfItsLastRun() {
		clientOnly().run((context) -> {
			Task queued = qtasks(context).addTask("echo", "requeued after cancel");
			TaskDelivery delivery = claim(context, 1, WAIT).get(0);
			assertThat(qtasks(context).cancel(queued.uuid(), "stop")).isEqualTo(CancelOutcome.CANCEL_REQUESTED);
			delivery.complete(transitions(context).cancelled(delivery.task(), "stop"));
			assertThat(engine(context).requeues().requeue(queued.uuid())).isEqualTo(RequeueOutcome.REQUEUED);
			TaskDelivery again = claim(context, 1, WAIT).get(0);
			assertThat(again.uuid()).isEqualTo(queued.uuid());
			assertThat(again.cancelRequest()).isNull();
		});
	}

	@Test
	void aReleasedTaskWaitsUntilItsInstantAndHoldsNoClaim() {
		clientOnly().run((context) -> {
			Task queued = qtasks(context).addTask("echo", "waits");
			TaskDelivery delivery = claim(context, 1, WAIT).get(0);
			Task started = started(context, delivery);
			delivery.write(started);
			Instant due = Instant.now().plusSeconds(2);
			Task waiting = transitions(context).retrying(started, new IllegalStateException("try later"), due);
			assertThat(delivery.release(waiting, due).written()).isTrue();
			Task stored = qtasks(context).get(queued.uuid()).orElseThrow();
			assertThat(stored.status()).isEqualTo(TaskStatus.RETRY);
			assertThat(stored.extra()).containsEntry("dueAt", due.toString());
			assertThat(engine(context).stats().countByStatus()).containsEntry(TaskStatus.RETRY, 1L);
			assertThat(engine(context).stats().waitingCount()).isEqualTo(1);
			assertThat(engine(context).stats().pendingCount()).isZero();
			assertThat(claim(context, 1, Duration.ZERO)).isEmpty();
			TaskDelivery again = claim(context, 1, WAIT).get(0);
			assertThat(Instant.now()).isAfterOrEqualTo(due.minusMillis(100));
			assertThat(again.uuid()).isEqualTo(queued.uuid());
			assertThat(again.deliveries()).isEqualTo(2);
			assertThat(again.task().status()).isEqualTo(TaskStatus.RETRY);
			assertThat(engine(context).stats().waitingCount()).isZero();
		});
	}

	@Test
	void aTaskEnqueuedForLaterWaitsUntilThen() {
		clientOnly().run((context) -> {
			Task record = newRecord("echo");
			assertThat(engine(context).enqueue(record, Instant.now().plusSeconds(3600))).isTrue();
			assertThat(engine(context).stats().waitingCount()).isEqualTo(1);
			assertThat(engine(context).stats().pendingCount()).isZero();
			assertThat(claim(context, 1, Duration.ofMillis(100))).isEmpty();
			assertThat(qtasks(context).cancel(record.uuid(), "never mind")).isEqualTo(CancelOutcome.CANCELLED);
			assertThat(engine(context).stats().waitingCount()).isZero();
		});
	}

	@Test
	void aWaitingTaskIsCancelledAtOnce() {
		clientOnly().run((context) -> {
			Task queued = qtasks(context).addTask("echo", "cancelled while waiting");
			TaskDelivery delivery = claim(context, 1, WAIT).get(0);
			Task started = started(context, delivery);
			delivery.write(started);
			Instant due = Instant.now().plusSeconds(3600);
			delivery.release(transitions(context).retrying(started, new IllegalStateException("later"), due), due);
			assertThat(qtasks(context).cancel(queued.uuid(), "no more retries")).isEqualTo(CancelOutcome.CANCELLED);
			Task cancelled = qtasks(context).waitResult(queued.uuid(), WAIT).orElseThrow();
			assertThat(cancelled.status()).isEqualTo(TaskStatus.CANCEL);
			assertThat(cancelled.cancelReason()).isEqualTo("no more retries");
			assertThat(cancelled.extra()).doesNotContainKey("dueAt");
			assertThat(engine(context).stats().waitingCount()).isZero();
			assertThat(engine(context).stats().countByStatus()).containsEntry(TaskStatus.RETRY, 0L)
				.containsEntry(TaskStatus.CANCEL, 1L);
		});
	}

	@Test
	void waitingTasksBecomeDueInTheOrderOfTheirInstants() {
		clientOnly().run((context) -> {
			for (int i = 0; i < 3; i++) {
				qtasks(context).addTask("echo", i);
			}
			List<TaskDelivery> claimed = claim(context, 3, WAIT);
			assertThat(claimed).hasSize(3);
			Instant now = Instant.now();
			List<Duration> waits = List.of(Duration.ofMillis(900), Duration.ofMillis(300), Duration.ofMillis(600));
			for (int i = 0; i < 3; i++) {
				TaskDelivery delivery = claimed.get(i);
				Instant due = now.plus(waits.get(i));
				delivery.release(
						transitions(context).retrying(started(context, delivery), new IllegalStateException(), due),
						due);
			}
			await().atMost(WAIT).until(() -> engine(context).stats().waitingCount() == 0);
			List<UUID> order = new ArrayList<>();
			while (order.size() < 3) {
				claim(context, 3, WAIT).forEach((delivery) -> order.add(delivery.uuid()));
			}
			assertThat(order).containsExactly(claimed.get(1).uuid(), claimed.get(2).uuid(), claimed.get(0).uuid());
		});
	}

	@Test
	void aTaskWhoseWorkersDiedUnderItTooOftenEndsAsError() {
		worker("qtasks.worker.max-deliveries=2").run((context) -> {
			QTasksWorker worker = context.getBean(QTasksWorker.class);
			worker.stop();
			Task queued = qtasks(context).addTask("record", "poison pill");
			for (int i = 0; i < 2; i++) {
				TaskDelivery delivery = claim(context, 1, WAIT).get(0);
				assertThat(delivery.write(started(context, delivery)).written()).isTrue();
				abandon(context, delivery);
			}
			worker.start();
			Task failed = qtasks(context).waitResult(queued.uuid(), WAIT).orElseThrow();
			assertThat(failed.status()).isEqualTo(TaskStatus.ERROR);
			assertThat(failed.traceback()).contains("is not run again")
				.contains("stopped before the attempt ended (it died or lost its claim) 2 time(s)");
			assertThat(this.probe.runs("poison pill")).isZero();
			assertThat(attempts(failed)).hasSize(2)
				.allSatisfy((attempt) -> assertThat(attempt.get("error")).asString().startsWith("lost:"));
		});
	}

	@Test
	void countsRecordsByStatus() {
		clientOnly().run((context) -> {
			for (int i = 0; i < 4; i++) {
				qtasks(context).addTask("echo", i);
			}
			List<TaskDelivery> claimed = claim(context, 3, WAIT);
			assertThat(claimed).hasSize(3);
			assertThat(claimed.get(0).write(with(claimed.get(0), TaskStatus.PROCESS)).written()).isTrue();
			assertThat(claimed.get(1).complete(with(claimed.get(1), TaskStatus.SUCCESS)).written()).isTrue();
			assertThat(claimed.get(2).complete(with(claimed.get(2), TaskStatus.ERROR)).written()).isTrue();
			assertThat(engine(context).stats().countByStatus()).containsEntry(TaskStatus.NEW, 1L)
				.containsEntry(TaskStatus.PROCESS, 1L)
				.containsEntry(TaskStatus.RETRY, 0L)
				.containsEntry(TaskStatus.SUCCESS, 1L)
				.containsEntry(TaskStatus.ERROR, 1L)
				.containsEntry(TaskStatus.CANCEL, 0L);
			assertThat(engine(context).stats().pendingCount()).isEqualTo(1);
		});
	}

	@Test
	void listsRecordsNewestFirstWithFilters() {
		clientOnly().run((context) -> {
			UUID first = addAfterTheClockMoved(context, "echo");
			UUID second = addAfterTheClockMoved(context, "record");
			UUID third = addAfterTheClockMoved(context, "echo");
			TaskDelivery claimed = claim(context, 1, WAIT).get(0);
			assertThat(claimed.task().uuid()).isEqualTo(first);
			claimed.complete(with(claimed, TaskStatus.SUCCESS));
			TaskEngine storage = engine(context);
			assertThat(storage.list(new TaskQuery(null, null, 10))).extracting(Task::uuid)
				.containsExactly(third, second, first);
			assertThat(storage.list(new TaskQuery(null, "echo", 10))).extracting(Task::uuid)
				.containsExactly(third, first);
			assertThat(storage.list(new TaskQuery(TaskStatus.SUCCESS, null, 10))).extracting(Task::uuid)
				.containsExactly(first);
			assertThat(storage.list(new TaskQuery(TaskStatus.NEW, "echo", 10))).extracting(Task::uuid)
				.containsExactly(third);
			assertThat(storage.list(new TaskQuery(null, null, 2))).extracting(Task::uuid)
				.containsExactly(third, second);
		});
	}

	@Test
	void finishedRecordsExpireAfterTheirTtl() {
		worker(shortFinishedTtl()).run((context) -> {
			Task done = qtasks(context).task("echo").args("short-lived").addAndWait(WAIT);
			assertThat(done.status()).isEqualTo(TaskStatus.SUCCESS);
			Task waiting = clientOnlyTask(context);
			await().atMost(WAIT).untilAsserted(() -> {
				assertThat(qtasks(context).get(done.uuid())).isEmpty();
				assertThat(engine(context).stats().countByStatus()).containsEntry(TaskStatus.SUCCESS, 0L);
				assertThat(engine(context).list(new TaskQuery(null, null, 10))).extracting(Task::uuid)
					.doesNotContain(done.uuid());
			});
			assertThat(qtasks(context).get(waiting.uuid())).isPresent();
		});
	}

	@Test
	void aReleasedTaskGoesBackToItsPlaceInTheQueue() {
		clientOnly().run((context) -> {
			UUID first = qtasks(context).addTask("echo", 1).uuid();
			UUID second = qtasks(context).addTask("echo", 2).uuid();
			TaskDelivery claimed = claim(context, 1, WAIT).get(0);
			Task started = started(context, claimed);
			assertThat(claimed.write(started).written()).isTrue();
			assertThat(claimed.release(transitions(context).handedBack(started, "test"), null).written()).isTrue();
			assertThat(qtasks(context).get(first)).get().extracting(Task::status).isEqualTo(TaskStatus.NEW);
			assertThat(engine(context).stats().pendingCount()).isEqualTo(2);
			assertThat(claim(context, 2, WAIT)).extracting((delivery) -> delivery.task().uuid())
				.containsExactly(first, second);
		});
	}

	@Test
	void shutdownHandsUnfinishedTasksBackToTheQueue() {
		worker("qtasks.worker.shutdown-timeout=100ms").run((context) -> {
			Task queued = qtasks(context).addTask("sleep", "shutdown");
			assertThat(this.probe.awaitStart("shutdown", WAIT)).isTrue();
			context.getBean(QTasksWorker.class).stop();
			Task requeued = qtasks(context).get(queued.uuid()).orElseThrow();
			assertThat(requeued.status()).isEqualTo(TaskStatus.NEW);
			assertThat(engine(context).stats().pendingCount()).isEqualTo(1);
		});
	}

	@Test
	void aTaskHandedBackRunsAgainAndItsRecordShowsBothDeliveries() {
		worker("qtasks.worker.shutdown-timeout=100ms").run((context) -> {
			Task queued = qtasks(context).addTask("hold", "delivered twice");
			assertThat(this.probe.awaitStart("delivered twice", WAIT)).isTrue();
			QTasksWorker worker = context.getBean(QTasksWorker.class);
			worker.stop();
			assertThat(qtasks(context).get(queued.uuid())).get().extracting(Task::status).isEqualTo(TaskStatus.NEW);
			worker.start();
			Task done = qtasks(context).waitResult(queued.uuid(), WAIT).orElseThrow();
			assertThat(done.status()).isEqualTo(TaskStatus.SUCCESS);
			assertThat(this.probe.runs("delivered twice")).isEqualTo(2);
			assertThat(done.attempt()).isEqualTo(2);
			assertThat(done.extra()).containsEntry("deliveries", 2);
			assertThat(done.extra().get("attempts")).asInstanceOf(InstanceOfAssertFactories.LIST)
				.satisfiesExactly(
						(handedBack) -> assertThat(handedBack).asInstanceOf(InstanceOfAssertFactories.MAP)
							.containsEntry("attempt", 1)
							.containsKey("endedAt")
							.hasEntrySatisfying("error",
									(error) -> assertThat(error).asString()
										.isEqualTo("handed back: the worker shut down")),
						(ran) -> assertThat(ran).asInstanceOf(InstanceOfAssertFactories.MAP)
							.containsEntry("attempt", 2)
							.containsKey("endedAt")
							.doesNotContainKey("error"));
		});
	}

	@Test
	void theWorkerNodeIsRegisteredWhileItRuns() {
		worker("qtasks.worker.concurrency=3").run((context) -> {
			QTasksWorker worker = context.getBean(QTasksWorker.class);
			WorkerNodeRegistry registry = context.getBean(WorkerNodeRegistry.class);
			await().atMost(WAIT)
				.untilAsserted(() -> assertThat(registry.liveNodes()).singleElement().satisfies((node) -> {
					assertThat(node.id()).isEqualTo(worker.getId());
					assertThat(node.host()).isEqualTo(worker.getHost());
					assertThat(node.concurrency()).isEqualTo(3);
					assertThat(node.startedAt()).isNotNull();
					assertThat(node.inFlight()).isZero();
				}));
			worker.stop();
			assertThat(registry.liveNodes()).extracting(WorkerNode::id).doesNotContain(worker.getId());
		});
	}

	@Test
	void countsQueuedTasksByPriority() {
		clientOnly().run((context) -> {
			assertThat(engine(context).stats().pendingCountByPriority()).isEmpty();
			qtasks(context).task("echo").args(1).priority(5).add();
			qtasks(context).task("echo").args(2).priority(-3).add();
			qtasks(context).task("echo").args(3).priority(5).add();
			qtasks(context).task("echo").args(4).priority(0).add();
			assertThat(engine(context).stats().pendingCountByPriority()).containsExactly(Map.entry(-3, 1L),
					Map.entry(0, 1L), Map.entry(5, 2L));
			claim(context, 1, WAIT);
			assertThat(engine(context).stats().pendingCountByPriority()).containsExactly(Map.entry(0, 1L),
					Map.entry(5, 2L));
		});
	}

	@Test
	void requeueingAFailedTaskRunsItAgainAsANewAttempt() {
		worker().run((context) -> {
			Task queued = qtasks(context).addTask("flaky", "requeue-error");
			Task failed = qtasks(context).waitResult(queued.uuid(), WAIT).orElseThrow();
			assertThat(failed.status()).isEqualTo(TaskStatus.ERROR);
			assertThat(failed.attempt()).isEqualTo(1);
			assertThat(engine(context).requeues().requeue(queued.uuid())).isEqualTo(RequeueOutcome.REQUEUED);
			Task done = qtasks(context).waitResult(queued.uuid(), WAIT).orElseThrow();
			assertThat(done.status()).isEqualTo(TaskStatus.SUCCESS);
			assertThat(done.returning()).isEqualTo("run 2 of requeue-error");
			assertThat(done.traceback()).isNull();
			assertThat(done.attempt()).isEqualTo(2);
			assertThat(done.extra()).containsEntry("requeues", 1).containsKey("requeuedAt");
			List<Map<String, Object>> attempts = attempts(done);
			assertThat(attempts).extracting((attempt) -> attempt.get("attempt")).containsExactly(1, 2);
			assertThat(attempts.get(0).get("error").toString()).contains("the first run of requeue-error fails");
			assertThat(attempts.get(1)).doesNotContainKey("error");
			assertThat(engine(context).stats().countByStatus()).containsEntry(TaskStatus.ERROR, 0L)
				.containsEntry(TaskStatus.SUCCESS, 1L)
				.containsEntry(TaskStatus.NEW, 0L);
		});
	}

	@Test
	void requeueingACancelledTaskQueuesItAgainWithoutItsOutcome() {
		clientOnly().run((context) -> {
			Task queued = qtasks(context).task("echo").args("again").priority(2).add();
			assertThat(qtasks(context).cancel(queued.uuid(), "not now")).isEqualTo(CancelOutcome.CANCELLED);
			assertThat(engine(context).requeues().requeue(queued.uuid())).isEqualTo(RequeueOutcome.REQUEUED);
			Task requeued = qtasks(context).get(queued.uuid()).orElseThrow();
			assertThat(requeued.status()).isEqualTo(TaskStatus.NEW);
			assertThat(requeued.cancelReason()).isNull();
			assertThat(requeued.priority()).isEqualTo(2);
			assertThat(requeued.args()).isEqualTo(queued.args());
			assertThat(requeued.createdAt()).isEqualTo(queued.createdAt());
			assertThat(requeued.extra()).containsEntry("requeues", 1);
			assertThat(engine(context).stats().countByStatus()).containsEntry(TaskStatus.NEW, 1L)
				.containsEntry(TaskStatus.CANCEL, 0L);
			assertThat(engine(context).stats().pendingCountByPriority()).containsExactly(Map.entry(2, 1L));
			assertThat(engine(context).requeues().requeue(queued.uuid())).isEqualTo(RequeueOutcome.NOT_REQUEUEABLE);
			assertThat(claim(context, 2, WAIT)).extracting((delivery) -> delivery.task().uuid())
				.containsExactly(queued.uuid());
		});
	}

	@Test
	void onlyTasksThatEndedInErrorOrCancelAreRequeued() {
		clientOnly().run((context) -> {
			Task queued = qtasks(context).addTask("echo", "queued");
			Task succeeded = qtasks(context).addTask("echo", "succeeded");
			assertThat(engine(context).requeues().requeue(queued.uuid())).isEqualTo(RequeueOutcome.NOT_REQUEUEABLE);
			List<TaskDelivery> claimed = claim(context, 2, WAIT);
			assertThat(engine(context).requeues().requeue(queued.uuid())).isEqualTo(RequeueOutcome.NOT_REQUEUEABLE);
			assertThat(claimed.get(1).task().uuid()).isEqualTo(succeeded.uuid());
			claimed.get(1).complete(with(claimed.get(1), TaskStatus.SUCCESS));
			assertThat(engine(context).requeues().requeue(succeeded.uuid())).isEqualTo(RequeueOutcome.NOT_REQUEUEABLE);
			assertThat(engine(context).requeues().requeue(UUID.randomUUID())).isEqualTo(RequeueOutcome.NOT_FOUND);
			assertThat(qtasks(context).get(succeeded.uuid())).get()
				.extracting(Task::status)
				.isEqualTo(TaskStatus.SUCCESS);
			assertThat(engine(context).stats().pendingCount()).isZero();
		});
	}

	@Test
	void aRequeuedTaskGoesToTheBackOfItsPriority() {
		clientOnly().run((context) -> {
			UUID requeued = qtasks(context).task("echo").args("requeued").priority(1).add().uuid();
			qtasks(context).cancel(requeued, "later");
			UUID waiting = qtasks(context).task("echo").args("waiting").priority(1).add().uuid();
			UUID urgent = qtasks(context).task("echo").args("urgent").priority(0).add().uuid();
			engine(context).requeues().requeue(requeued);
			List<UUID> claimed = new ArrayList<>();
			while (claimed.size() < 3) {
				claim(context, 3, WAIT).forEach((delivery) -> claimed.add(delivery.task().uuid()));
			}
			assertThat(claimed).containsExactly(urgent, waiting, requeued);
		});
	}

	@Test
	void concurrentRequeuesQueueATaskOnce() {
		clientOnly().run((context) -> {
			UUID uuid = qtasks(context).addTask("echo", "twice").uuid();
			qtasks(context).cancel(uuid, "stop");
			List<CompletableFuture<RequeueOutcome>> requeues = new ArrayList<>();
			for (int i = 0; i < 4; i++) {
				requeues.add(CompletableFuture.supplyAsync(() -> engine(context).requeues().requeue(uuid)));
			}
			List<RequeueOutcome> outcomes = new ArrayList<>();
			for (CompletableFuture<RequeueOutcome> requeue : requeues) {
				outcomes.add(requeue.get(WAIT.toMillis(), TimeUnit.MILLISECONDS));
			}
			assertThat(outcomes).containsOnlyOnce(RequeueOutcome.REQUEUED)
				.containsOnly(RequeueOutcome.REQUEUED, RequeueOutcome.NOT_REQUEUEABLE);
			assertThat(engine(context).stats().pendingCount()).isEqualTo(1);
			assertThat(engine(context).stats().countByStatus()).containsEntry(TaskStatus.NEW, 1L)
				.containsEntry(TaskStatus.CANCEL, 0L);
		});
	}

	@Test
	void aRequeuedTaskNoLongerExpires() {
		clientOnly(shortFinishedTtl()).run((context) -> {
			UUID requeued = qtasks(context).addTask("echo", "requeued").uuid();
			qtasks(context).cancel(requeued, "first");
			engine(context).requeues().requeue(requeued);
			UUID expiring = qtasks(context).addTask("echo", "expiring").uuid();
			qtasks(context).cancel(expiring, "gone");
			await().atMost(WAIT).untilAsserted(() -> {
				assertThat(qtasks(context).get(expiring)).isEmpty();
				assertThat(engine(context).stats().countByStatus()).containsEntry(TaskStatus.CANCEL, 0L);
			});
			assertThat(qtasks(context).get(requeued)).get().extracting(Task::status).isEqualTo(TaskStatus.NEW);
			assertThat(engine(context).stats().countByStatus()).containsEntry(TaskStatus.NEW, 1L);
			assertThat(engine(context).stats().pendingCount()).isEqualTo(1);
		});
	}

	@Test
	void receiveRejectsANonPositiveMax() {
		clientOnly().run((context) -> assertThatExceptionOfType(IllegalArgumentException.class)
			.isThrownBy(() -> claim(context, 0, Duration.ofMillis(10))));
	}

	private static Thread receiver(AssertableApplicationContext context, Duration timeout,
			CompletableFuture<List<TaskDelivery>> received) {
		Thread receiver = new Thread(() -> {
			try {
				received.complete(claim(context, 1, timeout));
			}
			catch (Throwable ex) {
				received.completeExceptionally(ex);
			}
		}, "test-receiver");
		receiver.start();
		return receiver;
	}

	private Task clientOnlyTask(AssertableApplicationContext context) {
		context.getBean(QTasksWorker.class).stop();
		return qtasks(context).addTask("echo", "still waiting");
	}

	private UUID addAfterTheClockMoved(AssertableApplicationContext context, String taskName) {
		Instant before = Instant.now();
		await().atMost(WAIT).until(() -> Instant.now().toEpochMilli() > before.toEpochMilli());
		return qtasks(context).addTask(taskName, "x").uuid();
	}

	@SuppressWarnings("unchecked")
	private static List<Map<String, Object>> attempts(Task task) {
		return (List<Map<String, Object>>) task.extra().get("attempts");
	}

	private static Task with(TaskDelivery delivery, TaskStatus status) {
		return delivery.task().toBuilder().status(status).updatedAt(Instant.now()).build();
	}

	protected static Task started(AssertableApplicationContext context, TaskDelivery delivery) {
		return transitions(context).started(delivery.task(), false);
	}

	/**
	 * Ends a claim without an outcome, as a worker that died would leave it once its
	 * claim ran out: the record keeps its last state and the task is handed out again.
	 * @param context the application
	 * @param delivery the claim
	 */
	protected void abandon(AssertableApplicationContext context, TaskDelivery delivery) {
		assertThat(context.getBean(TaskQueue.class).release(delivery.claim(), null)).isTrue();
	}

	private static Task newRecord(String taskName) {
		Instant now = Instant.now();
		return Task.builder(UUID.randomUUID(), taskName).createdAt(now).updatedAt(now).build();
	}

	protected static List<TaskDelivery> claim(AssertableApplicationContext context, int max, Duration timeout)
			throws InterruptedException {
		return engine(context).claim(ClaimRequest.anyTask(max, timeout));
	}

	private static TaskEventRecorder events(AssertableApplicationContext context) {
		return context.getBean(TaskEventRecorder.class);
	}

	protected static QTasks qtasks(AssertableApplicationContext context) {
		return context.getBean(QTasks.class);
	}

	protected static TaskEngine engine(AssertableApplicationContext context) {
		return context.getBean(TaskEngine.class);
	}

	protected static TaskTransitions transitions(AssertableApplicationContext context) {
		return context.getBean(TaskTransitions.class);
	}

}
