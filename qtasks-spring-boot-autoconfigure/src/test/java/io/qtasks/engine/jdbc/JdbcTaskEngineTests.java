package io.qtasks.engine.jdbc;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import io.qtasks.Task;
import io.qtasks.TaskStatus;
import io.qtasks.engine.TaskDelivery;
import io.qtasks.engine.TaskEngineContractTests;
import io.qtasks.testsupport.PostgresServerExtension;
import io.qtasks.testsupport.PostgresTestServer;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The engine contract run against the JDBC engine on a real PostgreSQL.
 *
 * @author QTasks contributors
 */
@ExtendWith(PostgresServerExtension.class)
class JdbcTaskEngineTests extends TaskEngineContractTests {

	private final String prefix = PostgresTestServer.uniquePrefix("contract");

	@Test
	void aWaitingTaskOutlivesTheApplicationThatReleasedIt() {
		AtomicReference<UUID> uuid = new AtomicReference<>();
		clientOnly().run((context) -> {
			uuid.set(qtasks(context).addTask("echo", "outlives its node").uuid());
			TaskDelivery delivery = claim(context, 1, Duration.ofSeconds(10)).get(0);
			Task started = started(context, delivery);
			delivery.write(started);
			Instant due = Instant.now().plusSeconds(1);
			delivery.release(transitions(context).retrying(started, new IllegalStateException("later"), due), due);
		});
		worker().run((context) -> {
			Task done = qtasks(context).waitResult(uuid.get(), Duration.ofSeconds(20)).orElseThrow();
			assertThat(done.status()).isEqualTo(TaskStatus.SUCCESS);
			assertThat(done.returning()).isEqualTo("outlives its node");
			assertThat(done.attempt()).isEqualTo(2);
			assertThat(done.extra()).containsEntry("retried", 1).containsEntry("deliveries", 2);
		});
	}

	@Override
	protected ApplicationContextRunner engine() {
		return JdbcTestApplications.runner(this.prefix);
	}

	@Override
	protected String[] shortFinishedTtl() {
		return new String[] { "qtasks.storage.finished-ttl=500ms", "qtasks.jdbc.reaper-interval=100ms" };
	}

}
