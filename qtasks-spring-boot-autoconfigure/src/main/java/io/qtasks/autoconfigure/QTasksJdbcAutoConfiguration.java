package io.qtasks.autoconfigure;

import javax.sql.DataSource;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnSingleCandidate;
import org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration;
import org.springframework.beans.factory.config.BeanFactoryPostProcessor;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.JdbcTransactionManager;
import org.springframework.transaction.support.TransactionOperations;
import org.springframework.transaction.support.TransactionTemplate;

import io.qtasks.config.QTasksProperties;
import io.qtasks.engine.jdbc.AutoCommitDataSource;
import io.qtasks.engine.jdbc.JdbcEngineLifecycle;
import io.qtasks.engine.jdbc.JdbcEngineSettings;
import io.qtasks.engine.jdbc.JdbcMaintenance;
import io.qtasks.engine.jdbc.JdbcNotifications;
import io.qtasks.engine.jdbc.JdbcNotifier;
import io.qtasks.engine.jdbc.JdbcSchema;
import io.qtasks.engine.jdbc.JdbcTables;
import io.qtasks.engine.jdbc.JdbcTaskCodec;
import io.qtasks.engine.jdbc.JdbcTaskEvents;
import io.qtasks.engine.jdbc.JdbcTaskQueue;
import io.qtasks.engine.jdbc.JdbcTaskRecordStore;
import io.qtasks.engine.jdbc.JdbcTaskScheduleStore;
import io.qtasks.engine.jdbc.JdbcTaskSteps;
import io.qtasks.engine.jdbc.JdbcWorkerNodeRegistry;
import io.qtasks.engine.spi.TaskEvents;
import io.qtasks.engine.spi.TaskQueue;
import io.qtasks.engine.spi.TaskRecordStore;
import io.qtasks.engine.spi.TaskScheduleStore;
import io.qtasks.engine.spi.TaskSteps;
import io.qtasks.json.TaskJsonMapper;
import io.qtasks.node.WorkerNodeRegistry;

/**
 * Auto-configuration of the JDBC engine, active with {@code qtasks.broker.type=jdbc}: its
 * queue, records, events and fused steps in tables of the application's
 * {@link DataSource} (PostgreSQL 13+), the schema
 * ({@code qtasks.jdbc.initialize-schema}), the listening connection, the housekeeping and
 * the node registry, each backing off when the application defines its own. Statements go
 * through Spring JDBC on that {@code DataSource}, so that an enqueue inside a Spring
 * transaction on it joins the transaction.
 *
 * @author QTasks contributors
 */
// By name: an application that defines its own DataSource may run without Boot's JDBC
// auto-configuration on the class path.
@AutoConfiguration(before = QTasksAutoConfiguration.class, after = JacksonAutoConfiguration.class,
		afterName = "org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration")
@ConditionalOnClass({ JdbcClient.class, org.postgresql.PGConnection.class })
@ConditionalOnProperty(name = "qtasks.broker.type", havingValue = "jdbc")
public final class QTasksJdbcAutoConfiguration {

	/**
	 * The engine, on the application's one {@code DataSource}.
	 */
	@Configuration(proxyBeanMethods = false)
	@ConditionalOnSingleCandidate(DataSource.class)
	static class JdbcEngineConfiguration {

		@Bean
		@ConditionalOnMissingBean
		JdbcEngineSettings qtasksJdbcEngineSettings(QTasksProperties properties) {
			return QTasksSettings.jdbc(properties);
		}

		@Bean
		@ConditionalOnMissingBean
		JdbcTables qtasksJdbcTables(QTasksProperties properties) {
			try {
				return new JdbcTables(properties.getJdbc().getTablePrefix());
			}
			catch (IllegalArgumentException ex) {
				throw new IllegalArgumentException("qtasks.jdbc.table-prefix: " + ex.getMessage());
			}
		}

		/**
		 * The schema, created at start-up as {@code qtasks.jdbc.initialize-schema} says,
		 * and checked; every other bean of the engine depends on it.
		 */
		@Bean
		@ConditionalOnMissingBean
		JdbcSchema qtasksJdbcSchema(DataSource dataSource, JdbcTables tables, QTasksProperties properties) {
			JdbcSchema schema = new JdbcSchema(engine(dataSource), tables);
			boolean create = switch (properties.getJdbc().getInitializeSchema()) {
				case ALWAYS -> true;
				case EMBEDDED -> JdbcSchema.isEmbedded(dataSource);
				case NEVER -> false;
			};
			if (create) {
				schema.create();
			}
			schema.verify();
			return schema;
		}

		@Bean
		@ConditionalOnMissingBean
		JdbcTaskCodec qtasksJdbcTaskCodec(TaskJsonMapper json) {
			return new JdbcTaskCodec(json);
		}

		@Bean
		@ConditionalOnMissingBean
		JdbcNotifications qtasksJdbcNotifications(DataSource dataSource, JdbcEngineSettings settings,
				JdbcSchema schema) {
			return new JdbcNotifications(engine(dataSource), settings.pollInterval());
		}

		@Bean
		@ConditionalOnMissingBean
		JdbcNotifier qtasksJdbcNotifier(DataSource dataSource, JdbcTables tables) {
			return new JdbcNotifier(JdbcClient.create(engine(dataSource)), tables);
		}

		@Bean
		@ConditionalOnMissingBean(TaskRecordStore.class)
		JdbcTaskRecordStore qtasksJdbcTaskRecordStore(DataSource dataSource, JdbcTables tables, JdbcTaskCodec codec,
				JdbcEngineSettings settings, JdbcNotifier notifier, JdbcSchema schema) {
			return new JdbcTaskRecordStore(JdbcClient.create(engine(dataSource)), tables, codec, settings, notifier,
					transactions(dataSource));
		}

		@Bean
		@ConditionalOnMissingBean(TaskQueue.class)
		JdbcTaskQueue qtasksJdbcTaskQueue(DataSource dataSource, JdbcTables tables, JdbcTaskCodec codec,
				JdbcEngineSettings settings, JdbcNotifications notifications, JdbcSchema schema) {
			JdbcTaskQueue queue = new JdbcTaskQueue(engine(dataSource), tables, codec, settings);
			queue.listen(notifications);
			return queue;
		}

		@Bean
		@ConditionalOnMissingBean(TaskEvents.class)
		@ConditionalOnBean(JdbcTaskRecordStore.class)
		JdbcTaskEvents qtasksJdbcTaskEvents(DataSource dataSource, JdbcTaskRecordStore records, JdbcTaskCodec codec,
				JdbcTables tables, JdbcNotifications notifications) {
			JdbcTaskEvents events = new JdbcTaskEvents(records, codec, engine(dataSource), tables);
			events.listen(tables, notifications);
			return events;
		}

		@Bean
		@ConditionalOnMissingBean(TaskSteps.class)
		@ConditionalOnBean({ JdbcTaskQueue.class, JdbcTaskRecordStore.class })
		JdbcTaskSteps qtasksJdbcTaskSteps(DataSource dataSource, JdbcTables tables, JdbcTaskCodec codec,
				JdbcTaskRecordStore records, JdbcNotifier notifier, JdbcEngineSettings settings) {
			return new JdbcTaskSteps(engine(dataSource), tables, codec, records, notifier,
					settings.completionsInFlight(), settings.flushOutcomes());
		}

		@Bean
		@ConditionalOnMissingBean(TaskScheduleStore.class)
		@ConditionalOnBean(JdbcTaskSteps.class)
		JdbcTaskScheduleStore qtasksJdbcTaskScheduleStore(DataSource dataSource, JdbcTables tables, JdbcSchema schema) {
			return new JdbcTaskScheduleStore(JdbcClient.create(engine(dataSource)), tables, transactions(dataSource));
		}

		/**
		 * The application's {@code DataSource} as the engine's statements use it: each
		 * commits on its own outside a Spring transaction, whatever the pool's
		 * auto-commit default (see {@link AutoCommitDataSource}).
		 */
		private static DataSource engine(DataSource dataSource) {
			return AutoCommitDataSource.of(dataSource);
		}

		/**
		 * Transactions on the engine's {@code DataSource}, for the steps that take more
		 * than one statement (an enqueue with a unique key, a firing); inside a Spring
		 * transaction on the same {@code DataSource} they join it.
		 */
		private static TransactionOperations transactions(DataSource dataSource) {
			return new TransactionTemplate(new JdbcTransactionManager(engine(dataSource)));
		}

		@Bean
		@ConditionalOnMissingBean
		JdbcEngineLifecycle qtasksJdbcEngineLifecycle(DataSource dataSource, JdbcTables tables,
				JdbcEngineSettings settings, JdbcNotifications notifications, JdbcNotifier notifier, JdbcSchema schema,
				ObjectProvider<JdbcTaskEvents> events) {
			JdbcMaintenance maintenance = new JdbcMaintenance(new JdbcTemplate(engine(dataSource)), tables);
			return new JdbcEngineLifecycle(notifications, notifier, () -> {
				maintenance.run();
				events.ifAvailable(JdbcTaskEvents::renewWaiting);
			}, settings.reaperInterval());
		}

		@Bean
		@ConditionalOnMissingBean(WorkerNodeRegistry.class)
		JdbcWorkerNodeRegistry qtasksJdbcWorkerNodeRegistry(DataSource dataSource, JdbcTables tables,
				JdbcTaskCodec codec, JdbcEngineSettings settings, JdbcSchema schema) {
			return new JdbcWorkerNodeRegistry(JdbcClient.create(engine(dataSource)), tables, codec,
					settings.heartbeatInterval());
		}

	}

	/**
	 * Without a {@code DataSource}, start-up stops saying so (instead of a bare "no bean
	 * of type TaskQueue" later on).
	 */
	@Configuration(proxyBeanMethods = false)
	@ConditionalOnMissingBean(DataSource.class)
	static class NoDataSourceConfiguration {

		@Bean
		static BeanFactoryPostProcessor qtasksJdbcBrokerWithoutDataSource() {
			return (beanFactory) -> {
				throw new JdbcBrokerUnavailableException(
						"qtasks.broker.type=jdbc needs a DataSource, but the application has none");
			};
		}

	}

}
