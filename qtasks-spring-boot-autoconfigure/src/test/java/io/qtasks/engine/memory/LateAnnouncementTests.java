package io.qtasks.engine.memory;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import io.qtasks.QTasks;
import io.qtasks.RequeueOutcome;
import io.qtasks.Task;
import io.qtasks.TaskStatus;
import io.qtasks.autoconfigure.QTasksAutoConfiguration;
import io.qtasks.engine.TaskDelivery;
import io.qtasks.engine.TaskEngine;
import io.qtasks.engine.TaskTransitions;
import io.qtasks.engine.spi.ClaimRequest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * An announcement that a task finished can reach this node after the task was requeued
 * (its worker thread was held up between the write and the announcement). A caller who
 * saw the requeue and then waits for the result gets the outcome of the run after the
 * requeue, not the outcome the requeue replaced.
 *
 * @author QTasks contributors
 */
class LateAnnouncementTests {

	private static final Duration WAIT = Duration.ofSeconds(10);

	private final TaskTransitions transitions = new TaskTransitions(Clock.systemUTC());

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(JacksonAutoConfiguration.class, QTasksAutoConfiguration.class))
		.withPropertyValues("qtasks.worker.enabled=false")
		.withBean(WatchedEvents.class, WatchedEvents::new);

	@Test
	void aWaiterAfterARequeueIsNotGivenTheOutcomeTheRequeueReplaced() {
		this.runner.run((context) -> {
			QTasks qtasks = context.getBean(QTasks.class);
			TaskEngine engine = context.getBean(TaskEngine.class);
			WatchedEvents events = context.getBean(WatchedEvents.class);
			UUID uuid = qtasks.addTask("echo").uuid();
			TaskDelivery first = claimOne(engine);
			Task firstOutcome = this.transitions.failed(first.task(), "the first run failed");
			assertThat(first.complete(firstOutcome).written()).isTrue();
			assertThat(engine.requeues().requeue(uuid)).isEqualTo(RequeueOutcome.REQUEUED);

			CompletableFuture<Task> waited = CompletableFuture
				.supplyAsync(() -> qtasks.waitResult(uuid, WAIT).orElseThrow());
			await().atMost(WAIT).until(() -> events.waitedFor(uuid));
			// the first run's announcement, late
			events.announceFinished(firstOutcome);
			TaskDelivery second = claimOne(engine);
			assertThat(second.complete(this.transitions.succeeded(second.task(), "second run")).written()).isTrue();

			Task done = waited.get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
			assertThat(done.status()).isEqualTo(TaskStatus.SUCCESS);
			assertThat(done.returning()).isEqualTo("second run");
			assertThat(done.extra()).containsEntry("requeues", 1);
		});
	}

	private static TaskDelivery claimOne(TaskEngine engine) throws InterruptedException {
		List<TaskDelivery> claimed = engine.claim(ClaimRequest.anyTask(1, WAIT));
		assertThat(claimed).hasSize(1);
		return claimed.get(0);
	}

	/**
	 * The memory engine's events, telling whether anyone waits for a task.
	 */
	static class WatchedEvents extends MemoryTaskEvents {

		boolean waitedFor(UUID uuid) {
			return isWaitedFor(uuid);
		}

	}

}
