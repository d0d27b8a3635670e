package io.qtasks.engine.jdbc;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

import io.qtasks.QTasks;
import io.qtasks.Task;
import io.qtasks.engine.TaskDelivery;
import io.qtasks.engine.TaskEngine;
import io.qtasks.engine.TaskTransitions;
import io.qtasks.engine.spi.ClaimRequest;
import io.qtasks.engine.spi.TaskLimits;
import io.qtasks.testsupport.PostgresServerExtension;
import io.qtasks.testsupport.PostgresTestServer;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Flow control and retention on the JDBC engine beyond the engine contract: a cap holds
 * for claimants that race on separate connections (a sanity check: a race the lock
 * prevents is rare at this scale), a claimant waiting for a cap is woken when a run ends
 * rather than at its next poll, and failed records are kept for the failed TTL.
 *
 * @author QTasks contributors
 */
@ExtendWith(PostgresServerExtension.class)
class JdbcFlowTests {

	private static final Duration WAIT = Duration.ofSeconds(20);

	private final String prefix = PostgresTestServer.uniquePrefix("flow");

	@Test
	void aCapHoldsForClaimantsThatRaceOnTheirOwnConnections() {
		JdbcTestApplications.runner(this.prefix).withPropertyValues("qtasks.worker.enabled=false").run((context) -> {
			QTasks qtasks = context.getBean(QTasks.class);
			int total = 60;
			for (int i = 0; i < total; i++) {
				qtasks.addTask("capped", i);
			}
			Map<String, TaskLimits> capOfThree = Map.of("capped", new TaskLimits(3, null));
			AtomicInteger held = new AtomicInteger();
			AtomicInteger most = new AtomicInteger();
			AtomicInteger done = new AtomicInteger();
			List<CompletableFuture<Void>> claimants = new ArrayList<>();
			ExecutorService threads = Executors.newFixedThreadPool(6);
			for (int n = 0; n < 6; n++) {
				claimants.add(CompletableFuture.runAsync(() -> {
					while (done.get() < total) {
						List<TaskDelivery> claimed = claim(context,
								new ClaimRequest(5, null, Duration.ofMillis(50)).withLimits(capOfThree));
						most.accumulateAndGet(held.addAndGet(claimed.size()), Math::max);
						for (TaskDelivery delivery : claimed) {
							held.decrementAndGet();
							complete(context, delivery);
							done.incrementAndGet();
						}
					}
				}, threads));
			}
			try {
				CompletableFuture.allOf(claimants.toArray(CompletableFuture[]::new))
					.get(WAIT.toMillis() * 3, TimeUnit.MILLISECONDS);
			}
			finally {
				threads.shutdownNow();
			}
			assertThat(done).hasValue(total);
			assertThat(most.get()).isBetween(1, 3);
		});
	}

	@Test
	void aClaimantWaitingForACapIsWokenWhenARunOfTheTaskEnds() {
		JdbcTestApplications.runner(this.prefix)
			.withPropertyValues("qtasks.worker.enabled=false", "qtasks.jdbc.poll-interval=30s")
			.run((context) -> {
				QTasks qtasks = context.getBean(QTasks.class);
				qtasks.addTask("capped", "first");
				Task second = qtasks.addTask("capped", "second");
				Map<String, TaskLimits> capOfOne = Map.of("capped", new TaskLimits(1, null));
				TaskDelivery first = claim(context, new ClaimRequest(5, null, WAIT).withLimits(capOfOne)).get(0);
				CompletableFuture<List<TaskDelivery>> waiting = CompletableFuture
					.supplyAsync(() -> claim(context, new ClaimRequest(5, null, WAIT).withLimits(capOfOne)));
				Thread.sleep(300);
				long ended = System.nanoTime();
				complete(context, first);
				List<TaskDelivery> next = waiting.get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
				assertThat(next).extracting(TaskDelivery::uuid).containsExactly(second.uuid());
				assertThat(Duration.ofNanos(System.nanoTime() - ended)).isLessThan(Duration.ofSeconds(10));
			});
	}

	@Test
	void failedRecordsAreKeptForTheFailedTtlAndTheOthersForTheFinishedTtl() {
		JdbcTestApplications.runner(this.prefix)
			.withPropertyValues("qtasks.worker.enabled=false", "qtasks.storage.finished-ttl=1h",
					"qtasks.storage.failed-ttl=3h")
			.run((context) -> {
				QTasks qtasks = context.getBean(QTasks.class);
				Task failing = qtasks.addTask("echo", "fails");
				Task succeeding = qtasks.addTask("echo", "succeeds");
				TaskTransitions transitions = context.getBean(TaskEngine.class).transitions();
				for (TaskDelivery delivery : claim(context, new ClaimRequest(2, null, WAIT))) {
					Task started = transitions.started(delivery.task(), false);
					Task outcome = delivery.uuid().equals(failing.uuid()) ? transitions.failed(started, "broken")
							: transitions.succeeded(started, "fine");
					assertThat(delivery.complete(outcome).written()).isTrue();
				}
				assertThat(hoursKept(context, failing)).isEqualTo(3);
				assertThat(hoursKept(context, succeeding)).isEqualTo(1);
			});
	}

	private long hoursKept(AssertableApplicationContext context, Task task) {
		JdbcTables tables = context.getBean(JdbcTables.class);
		return context.getBean(JdbcTemplate.class)
			.queryForObject(tables
				.sql("SELECT round(EXTRACT(EPOCH FROM (expires_at - now())) / 3600) FROM {tasks}" + " WHERE uuid = ?"),
					Long.class, task.uuid());
	}

	private static List<TaskDelivery> claim(AssertableApplicationContext context, ClaimRequest request) {
		try {
			return context.getBean(TaskEngine.class).claim(request);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	private static void complete(AssertableApplicationContext context, TaskDelivery delivery) {
		TaskTransitions transitions = context.getBean(TaskEngine.class).transitions();
		Task done = transitions.succeeded(transitions.started(delivery.task(), false), "done");
		assertThat(delivery.complete(done).written()).isTrue();
	}

}
