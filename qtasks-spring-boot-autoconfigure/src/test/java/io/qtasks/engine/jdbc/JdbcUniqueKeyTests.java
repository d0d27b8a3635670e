package io.qtasks.engine.jdbc;

import java.time.Duration;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import io.qtasks.QTasks;
import io.qtasks.Task;
import io.qtasks.TaskStatus;
import io.qtasks.engine.EngineTestTasks;
import io.qtasks.engine.TaskProbe;
import io.qtasks.testsupport.PostgresServerExtension;
import io.qtasks.testsupport.PostgresTestServer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * What is particular to unique keys on JDBC: the key's row joins the caller's
 * transaction, and goes with the expired record of its holder.
 *
 * @author QTasks contributors
 */
@ExtendWith(PostgresServerExtension.class)
class JdbcUniqueKeyTests {

	private static final Duration WAIT = Duration.ofSeconds(20);

	private final String prefix = PostgresTestServer.uniquePrefix("unique");

	private ApplicationContextRunner application(String... properties) {
		return JdbcTestApplications.runner(this.prefix)
			.withBean(TaskProbe.class, TaskProbe::new)
			.withBean(EngineTestTasks.class)
			.withPropertyValues("test.node=A")
			.withPropertyValues(properties);
	}

	@Test
	void aKeyTakenInARolledBackTransactionStaysFree() {
		application("qtasks.worker.enabled=false").run((context) -> {
			UUID rolledBack = transaction(context).execute((status) -> {
				UUID uuid = qtasks(context).task("echo").uniqueKey("import:1").add().uuid();
				assertThat(qtasks(context).task("echo").uniqueKey("import:1").add().uuid()).isEqualTo(uuid);
				status.setRollbackOnly();
				return uuid;
			});
			Task after = qtasks(context).task("echo").uniqueKey("import:1").add();
			assertThat(after.uuid()).isNotEqualTo(rolledBack);
			assertThat(qtasks(context).get(rolledBack)).isEmpty();
			assertThat(keyHolder(context, "import:1")).isEqualTo(after.uuid());
		});
	}

	@Test
	void theExpiryOfTheHoldersRecordFreesTheKeyAndDropsItsRow() {
		application("qtasks.storage.finished-ttl=300ms", "qtasks.jdbc.reaper-interval=100ms").run((context) -> {
			Task first = qtasks(context).task("echo")
				.args("kept")
				.uniqueKey("nightly")
				.uniqueFor(Duration.ofHours(1))
				.addAndWait(WAIT);
			assertThat(first.status()).isEqualTo(TaskStatus.SUCCESS);
			await().atMost(WAIT).until(() -> qtasks(context).get(first.uuid()).isEmpty());
			await().atMost(WAIT).until(() -> keyHolder(context, "nightly") == null);
			Task second = qtasks(context).task("echo").args("again").uniqueKey("nightly").add();
			assertThat(second.uuid()).isNotEqualTo(first.uuid());
		});
	}

	private UUID keyHolder(AssertableApplicationContext context, String key) {
		return context.getBean(JdbcTemplate.class)
			.queryForList("SELECT uuid FROM " + this.prefix + "unique WHERE unique_key = ?", UUID.class, key)
			.stream()
			.findFirst()
			.orElse(null);
	}

	private static TransactionTemplate transaction(AssertableApplicationContext context) {
		return new TransactionTemplate(context.getBean(PlatformTransactionManager.class));
	}

	private static QTasks qtasks(AssertableApplicationContext context) {
		return context.getBean(QTasks.class);
	}

}
