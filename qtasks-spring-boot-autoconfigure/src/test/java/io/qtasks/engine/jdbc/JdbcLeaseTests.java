package io.qtasks.engine.jdbc;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import io.qtasks.Task;
import io.qtasks.TaskStatus;
import io.qtasks.engine.TaskDelivery;
import io.qtasks.engine.TaskEngine;
import io.qtasks.engine.spi.ClaimRequest;
import io.qtasks.engine.spi.WriteResult;
import io.qtasks.QTasks;
import io.qtasks.testsupport.PostgresServerExtension;
import io.qtasks.testsupport.PostgresTestServer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Leases and fencing on PostgreSQL: a claim that nobody extends runs out, the reaper
 * queues its task again, and the late claimant can no longer write.
 *
 * @author QTasks contributors
 */
@ExtendWith(PostgresServerExtension.class)
class JdbcLeaseTests {

	private static final Duration WAIT = Duration.ofSeconds(20);

	private final String prefix = PostgresTestServer.uniquePrefix("lease");

	@Test
	void aClaimThatRanOutIsHandedOutAgainAndTheLateClaimantIsFenced() {
		JdbcTestApplications.runner(this.prefix)
			.withPropertyValues("qtasks.worker.enabled=false", "qtasks.jdbc.lease=1s",
					"qtasks.jdbc.heartbeat-interval=300ms", "qtasks.jdbc.reaper-interval=100ms")
			.run((context) -> {
				TaskEngine engine = context.getBean(TaskEngine.class);
				Task queued = context.getBean(QTasks.class).addTask("echo", "late");
				TaskDelivery first = engine.claim(ClaimRequest.anyTask(1, WAIT)).get(0);
				Task started = engine.transitions().started(first.task(), false);
				assertThat(first.write(started).written()).isTrue();
				assertThat(engine.extend(List.of(first))).isEmpty();
				// nobody extends the first claim: the reaper hands the task out again
				TaskDelivery second = engine.claim(ClaimRequest.anyTask(1, WAIT)).get(0);
				assertThat(second.uuid()).isEqualTo(queued.uuid());
				assertThat(second.deliveries()).isEqualTo(2);
				assertThat(second.token()).isNotEqualTo(first.token());
				assertThat(engine.extend(List.of(first, second))).isEqualTo(Set.of(first));
				Task late = started.toBuilder().status(TaskStatus.SUCCESS).updatedAt(Instant.now()).build();
				assertThat(first.complete(late).kind()).isEqualTo(WriteResult.Kind.FENCED);
				Task restarted = engine.transitions().started(second.task(), false);
				assertThat(second.write(restarted).written()).isTrue();
				assertThat(second.complete(restarted.toBuilder().status(TaskStatus.SUCCESS).build()).written())
					.isTrue();
				await().atMost(WAIT)
					.untilAsserted(() -> assertThat(engine.find(queued.uuid())).get()
						.extracting(Task::status)
						.isEqualTo(TaskStatus.SUCCESS));
				assertThat(engine.stats().pendingCount()).isZero();
			});
	}

}
