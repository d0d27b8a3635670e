package io.qtasks.engine.jdbc;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import io.qtasks.QTasks;
import io.qtasks.Task;
import io.qtasks.TaskStatus;
import io.qtasks.engine.TaskDelivery;
import io.qtasks.engine.TaskEngine;
import io.qtasks.engine.spi.ClaimRequest;
import io.qtasks.engine.spi.WriteResult;
import io.qtasks.testsupport.PostgresServerExtension;
import io.qtasks.testsupport.PostgresTestServer;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Outcomes written together ({@link JdbcCompletions}): each row keeps its own fence, so
 * that of two completions of one claim racing each other exactly one is written.
 *
 * @author QTasks contributors
 */
@ExtendWith(PostgresServerExtension.class)
class JdbcCompletionTests {

	private static final Duration WAIT = Duration.ofSeconds(20);

	@Test
	void concurrentOutcomesAreWrittenOnceEachUnderTheirOwnFence() {
		JdbcTestApplications.runner(PostgresTestServer.uniquePrefix("complete"))
			.withPropertyValues("qtasks.worker.enabled=false")
			.run((context) -> {
				TaskEngine engine = context.getBean(TaskEngine.class);
				for (int i = 0; i < 20; i++) {
					context.getBean(QTasks.class).addTask("echo", i);
				}
				List<TaskDelivery> deliveries = new ArrayList<>();
				while (deliveries.size() < 20) {
					deliveries.addAll(engine.claim(ClaimRequest.anyTask(20, WAIT)));
				}
				ExecutorService threads = Executors.newFixedThreadPool(16);
				try {
					List<CompletableFuture<WriteResult>> outcomes = new ArrayList<>();
					for (int round = 0; round < 2; round++) {
						for (TaskDelivery delivery : deliveries) {
							Task done = delivery.task()
								.toBuilder()
								.status(TaskStatus.SUCCESS)
								.returning(delivery.task().args().get(0))
								.updatedAt(Instant.now())
								.build();
							outcomes.add(CompletableFuture.supplyAsync(() -> delivery.complete(done), threads));
						}
					}
					Map<WriteResult.Kind, Long> kinds = outcomes.stream()
						.map((outcome) -> outcome.orTimeout(WAIT.toMillis(), TimeUnit.MILLISECONDS).join())
						.collect(Collectors.groupingBy(WriteResult::kind, Collectors.counting()));
					assertThat(kinds).containsOnly(Map.entry(WriteResult.Kind.WRITTEN, 20L),
							Map.entry(WriteResult.Kind.FENCED, 20L));
				}
				finally {
					threads.shutdownNow();
				}
				Map<Object, Task> stored = deliveries.stream()
					.map((delivery) -> engine.find(delivery.uuid()).orElseThrow())
					.collect(Collectors.toMap(Task::uuid, Function.identity()));
				assertThat(stored.values()).allSatisfy((task) -> {
					assertThat(task.status()).isEqualTo(TaskStatus.SUCCESS);
					assertThat(task.returning()).isEqualTo(task.args().get(0));
				});
				assertThat(engine.stats().countByStatus()).containsEntry(TaskStatus.SUCCESS, 20L);
				assertThat(engine.stats().pendingCount()).isZero();
			});
	}

}
