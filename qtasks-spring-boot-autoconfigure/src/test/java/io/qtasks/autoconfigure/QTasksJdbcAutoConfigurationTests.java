package io.qtasks.autoconfigure;

import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import io.qtasks.engine.TaskEngine;
import io.qtasks.engine.jdbc.JdbcEngineSettings;
import io.qtasks.engine.jdbc.JdbcTaskSteps;
import io.qtasks.engine.jdbc.JdbcTestApplications;
import io.qtasks.engine.jdbc.JdbcWorkerNodeRegistry;
import io.qtasks.engine.memory.MemoryTaskQueue;
import io.qtasks.node.WorkerNodeRegistry;
import io.qtasks.testsupport.PostgresServerExtension;
import io.qtasks.testsupport.PostgresTestServer;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link QTasksJdbcAutoConfiguration}.
 *
 * @author QTasks contributors
 */
@ExtendWith(PostgresServerExtension.class)
class QTasksJdbcAutoConfigurationTests {

	private final ApplicationContextRunner runner = JdbcTestApplications
		.runner(PostgresTestServer.uniquePrefix("autoconfig"))
		.withPropertyValues("qtasks.worker.enabled=false");

	@Test
	void theJdbcBrokerRunsTheEngineOnTheDataSource() {
		this.runner.run((context) -> {
			assertThat(context.getBean(TaskEngine.class).type()).isEqualTo("jdbc");
			assertThat(context.getBean(TaskEngine.class).schedules().store().type()).isEqualTo("jdbc");
			assertThat(context.getBean(WorkerNodeRegistry.class)).isInstanceOf(JdbcWorkerNodeRegistry.class);
			JdbcEngineSettings settings = context.getBean(JdbcEngineSettings.class);
			assertThat(settings.lease()).isEqualTo(Duration.ofSeconds(30));
			assertThat(settings.heartbeatInterval()).isEqualTo(Duration.ofSeconds(10));
			assertThat(settings.pollInterval()).isEqualTo(Duration.ofSeconds(5));
			assertThat(settings.completionsInFlight()).isEqualTo(2);
			assertThat(context.getBean(JdbcTaskSteps.class).completionsInFlight()).isEqualTo(2);
			assertThat(settings.flushOutcomes()).isTrue();
			assertThat(context.getBean(JdbcTaskSteps.class).flushesOutcomes()).isTrue();
		});
	}

	@Test
	void bindsTheJdbcProperties() {
		this.runner
			.withPropertyValues("qtasks.jdbc.lease=45s", "qtasks.jdbc.heartbeat-interval=5s",
					"qtasks.jdbc.reaper-interval=2s", "qtasks.jdbc.poll-interval=750ms",
					"qtasks.jdbc.completions-in-flight=3", "qtasks.jdbc.flush-outcomes=false")
			.run((context) -> {
				JdbcEngineSettings settings = context.getBean(JdbcEngineSettings.class);
				assertThat(settings.lease()).isEqualTo(Duration.ofSeconds(45));
				assertThat(settings.heartbeatInterval()).isEqualTo(Duration.ofSeconds(5));
				assertThat(settings.reaperInterval()).isEqualTo(Duration.ofSeconds(2));
				assertThat(settings.pollInterval()).isEqualTo(Duration.ofMillis(750));
				assertThat(context.getBean(TaskEngine.class).renewalInterval()).contains(Duration.ofSeconds(5));
				assertThat(context.getBean(JdbcTaskSteps.class).completionsInFlight()).isEqualTo(3);
				assertThat(settings.flushOutcomes()).isFalse();
				assertThat(context.getBean(JdbcTaskSteps.class).flushesOutcomes()).isFalse();
			});
	}

	@Test
	void noCompletionStatementInFlightFailsStartUpNamingTheProperty() {
		this.runner.withPropertyValues("qtasks.jdbc.completions-in-flight=0")
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.rootCause()
				.hasMessageContaining("qtasks.jdbc.completions-in-flight must be at least 1"));
	}

	@Test
	void withoutTheBrokerPropertyTheMemoryEngineStays() {
		this.runner.withPropertyValues("qtasks.broker.type=memory").run((context) -> {
			assertThat(context).hasSingleBean(MemoryTaskQueue.class).doesNotHaveBean(JdbcEngineSettings.class);
			assertThat(context.getBean(TaskEngine.class).type()).isEqualTo("memory");
		});
	}

	@Test
	void theJdbcBrokerWithoutThePostgresqlDriverFailsWithAClearMessage() {
		this.runner.withClassLoader(new FilteredClassLoader("org.postgresql")).run((context) -> {
			assertThat(context).hasFailed();
			Throwable failure = context.getStartupFailure();
			assertThat(failure).isInstanceOf(JdbcBrokerUnavailableException.class)
				.hasMessageContaining("qtasks.broker.type=jdbc needs Spring JDBC and the PostgreSQL driver")
				.hasMessageContaining("org.postgresql.PGConnection");
			FailureAnalysis analysis = new JdbcBrokerUnavailableFailureAnalyzer().analyze(failure);
			assertThat(analysis.getAction()).contains("org.postgresql:postgresql");
		});
	}

	@Test
	void theJdbcBrokerWithoutADataSourceFailsWithAClearMessage() {
		new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(JacksonAutoConfiguration.class, QTasksJdbcAutoConfiguration.class,
					QTasksAutoConfiguration.class))
			.withPropertyValues("qtasks.broker.type=jdbc")
			.run((context) -> {
				assertThat(context).hasFailed();
				assertThat(context.getStartupFailure()).isInstanceOf(JdbcBrokerUnavailableException.class)
					.hasMessage("qtasks.broker.type=jdbc needs a DataSource, but the application has none");
			});
	}

}
