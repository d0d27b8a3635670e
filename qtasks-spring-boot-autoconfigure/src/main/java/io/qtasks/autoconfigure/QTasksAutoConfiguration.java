package io.qtasks.autoconfigure;

import java.time.Clock;
import java.time.Duration;

import io.micrometer.observation.ObservationRegistry;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.beans.factory.config.CustomScopeConfigurer;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Role;
import org.springframework.core.env.Environment;
import org.springframework.util.StringUtils;
import org.springframework.beans.factory.config.BeanDefinition;

import io.qtasks.QTasks;
import io.qtasks.TaskContext;
import io.qtasks.TaskSchedules;
import io.qtasks.client.DefaultQTasks;
import io.qtasks.client.EnqueuedTaskHandler;
import io.qtasks.config.QTasksProperties;
import io.qtasks.context.CurrentTaskContext;
import io.qtasks.context.TaskScope;
import io.qtasks.definition.QTaskAnnotationBeanPostProcessor;
import io.qtasks.definition.TaskDefinitionFactory;
import io.qtasks.definition.TaskDefinitionRegistry;
import io.qtasks.engine.SequencedTaskSteps;
import io.qtasks.engine.TaskEngine;
import io.qtasks.engine.TaskRecordListener;
import io.qtasks.engine.TaskTransitions;
import io.qtasks.engine.memory.MemoryTaskScheduleStore;
import io.qtasks.engine.memory.MemoryWorkerNodeRegistry;
import io.qtasks.engine.spi.TaskEvents;
import io.qtasks.engine.spi.TaskQueue;
import io.qtasks.engine.spi.TaskRecordStore;
import io.qtasks.engine.spi.TaskScheduleStore;
import io.qtasks.engine.spi.TaskSteps;
import io.qtasks.event.TaskEventPublisher;
import io.qtasks.invocation.JsonTaskDecoder;
import io.qtasks.json.TaskJsonMapper;
import io.qtasks.node.WorkerNodeRegistry;
import io.qtasks.observation.TaskEnqueueObservationConvention;
import io.qtasks.observation.TaskExecutionObservationConvention;
import io.qtasks.observation.TaskInstrumentation;
import io.qtasks.observation.TaskMetrics;
import io.qtasks.schedule.DefaultTaskSchedules;
import io.qtasks.workflow.WorkflowReleaser;

/**
 * Auto-configuration of QTasks: discovery of {@code @QTask} methods, the {@link QTasks}
 * client with its {@link TaskSchedules}, the {@code task} scope with its
 * {@link TaskContext}, the worker ({@link TaskWorkerConfiguration}), the
 * {@link TaskEngine} over the configured engine's parts (the in-memory engine unless
 * another one is configured: {@link QTasksRedisAutoConfiguration} configures Redis), and
 * the registry of worker nodes. Enqueues and executions are observed through the
 * application's {@link ObservationRegistry} when there is one.
 *
 * @author QTasks contributors
 */
@AutoConfiguration(after = JacksonAutoConfiguration.class,
		afterName = { "org.springframework.boot.validation.autoconfigure.ValidationAutoConfiguration",
				"org.springframework.boot.micrometer.observation.autoconfigure.ObservationAutoConfiguration" })
@EnableConfigurationProperties
@Import({ TaskWorkerConfiguration.class, ArgumentValidationConfiguration.class,
		RedisBrokerUnavailableConfiguration.class, JdbcBrokerUnavailableConfiguration.class,
		MemoryEngineConfiguration.class })
public final class QTasksAutoConfiguration {

	/**
	 * The clock of everything QTasks configures, here and in the imported configurations.
	 */
	static final Clock CLOCK = Clock.systemUTC();

	private static final Duration NODE_HEARTBEAT_INTERVAL = Duration.ofSeconds(10);

	@Bean
	@Role(BeanDefinition.ROLE_INFRASTRUCTURE)
	static CustomScopeConfigurer qtasksTaskScopeConfigurer() {
		CustomScopeConfigurer configurer = new CustomScopeConfigurer();
		configurer.addScope(TaskScope.NAME, new TaskScope());
		return configurer;
	}

	@Bean
	@Role(BeanDefinition.ROLE_INFRASTRUCTURE)
	static QTaskAnnotationBeanPostProcessor qtaskAnnotationBeanPostProcessor(
			ObjectProvider<TaskDefinitionFactory> definitionFactory,
			ObjectProvider<TaskDefinitionRegistry> definitionRegistry) {
		return new QTaskAnnotationBeanPostProcessor(definitionFactory::getObject, definitionRegistry::getObject);
	}

	/**
	 * The {@code qtasks.*} properties, starting from {@code spring.application.name} as
	 * the application's name: the binder then applies the configured {@code qtasks.*}
	 * values over this object (the class is a
	 * {@code @ConfigurationProperties("qtasks")}), so an explicit {@code qtasks.name}
	 * wins, and without either the name stays {@code qtasks}.
	 * <p>
	 * This is how Spring Boot's own auto-configurations default a name to
	 * {@code spring.application.name} (the Prometheus push-gateway job, the service name
	 * of structured logging): resolved from the {@code Environment} where the
	 * configuration is built, not through an {@code EnvironmentPostProcessor} that adds a
	 * property source. Doing it at binding keeps a single name for everything that reads
	 * the properties (the Redis keys, {@code TaskContext.getConfig()}, the actuator's
	 * {@code configprops}), and works wherever the auto-configuration runs, an
	 * {@code ApplicationContextRunner} included.
	 * @param environment where {@code spring.application.name} is read
	 * @return the properties, to be bound
	 */
	@Bean
	QTasksProperties qtasksProperties(Environment environment) {
		QTasksProperties properties = new QTasksProperties();
		String applicationName = environment.getProperty("spring.application.name");
		if (StringUtils.hasText(applicationName)) {
			properties.setName(applicationName);
		}
		return properties;
	}

	@Bean
	@ConditionalOnMissingBean
	TaskDefinitionRegistry qtasksTaskDefinitionRegistry() {
		return new TaskDefinitionRegistry();
	}

	@Bean
	@ConditionalOnMissingBean
	TaskDefinitionFactory qtasksTaskDefinitionFactory(ConfigurableListableBeanFactory beanFactory,
			QTasksProperties properties, TaskJsonMapper json) {
		return new TaskDefinitionFactory(beanFactory, QTasksSettings.taskDefaults(properties), new JsonTaskDecoder(),
				json);
	}

	@Bean
	@ConditionalOnMissingBean
	TaskTransitions qtasksTaskTransitions() {
		return new TaskTransitions(CLOCK);
	}

	/**
	 * Schedules in this JVM, for an engine whose configuration brings no schedule store
	 * of its own (the memory engine, or a queue and records of different technologies).
	 * @return the store
	 */
	@Bean
	@ConditionalOnMissingBean
	TaskScheduleStore qtasksTaskScheduleStore() {
		return new MemoryTaskScheduleStore();
	}

	@Bean
	@ConditionalOnMissingBean
	TaskEngine qtasksTaskEngine(TaskQueue queue, TaskRecordStore records, TaskEvents events,
			ObjectProvider<TaskSteps> steps, TaskTransitions transitions, ObjectProvider<TaskRecordListener> listeners,
			ObjectProvider<TaskScheduleStore> schedules) {
		TaskEngine engine = new TaskEngine(queue, records, events,
				steps.getIfUnique(() -> new SequencedTaskSteps(queue, records)), transitions, schedules.getIfUnique());
		listeners.orderedStream().forEach(engine::addRecordListener);
		engine.addRecordListener(new WorkflowReleaser(engine));
		return engine;
	}

	@Bean
	@ConditionalOnMissingBean
	TaskEventPublisher qtasksTaskEventPublisher(ApplicationEventPublisher publisher) {
		return new TaskEventPublisher(publisher);
	}

	@Bean
	@ConditionalOnMissingBean
	TaskJsonMapper qtasksTaskJsonMapper(ObjectProvider<JsonMapper> jsonMapper) {
		return new TaskJsonMapper(jsonMapper.getIfAvailable(JsonMapper::new));
	}

	@Bean
	@ConditionalOnMissingBean
	TaskInstrumentation qtasksTaskInstrumentation(ObjectProvider<ObservationRegistry> observationRegistry,
			ObjectProvider<TaskMetrics> metrics, ObjectProvider<TaskEnqueueObservationConvention> enqueueConvention,
			ObjectProvider<TaskExecutionObservationConvention> executionConvention) {
		return new TaskInstrumentation(observationRegistry.getIfUnique(() -> ObservationRegistry.NOOP),
				metrics.getIfUnique(() -> TaskMetrics.NONE), enqueueConvention.getIfUnique(),
				executionConvention.getIfUnique());
	}

	@Bean
	@ConditionalOnMissingBean
	TaskSchedules qtasksTaskSchedules(TaskEngine engine, TaskDefinitionRegistry registry, TaskJsonMapper json,
			QTasksProperties properties) {
		return new DefaultTaskSchedules(engine, registry, json, QTasksSettings.schedules(properties), CLOCK);
	}

	@Bean
	@ConditionalOnMissingBean(QTasks.class)
	DefaultQTasks qtasks(TaskEngine engine, TaskDefinitionRegistry registry, TaskJsonMapper json,
			QTasksProperties properties, TaskInstrumentation instrumentation,
			ObjectProvider<EnqueuedTaskHandler> enqueuedHandler, ObjectProvider<TaskSchedules> schedules) {
		return new DefaultQTasks(engine, registry, json, QTasksSettings.client(properties), instrumentation,
				enqueuedHandler.getIfUnique(() -> EnqueuedTaskHandler.NONE), schedules.getIfUnique());
	}

	@Bean
	@ConditionalOnMissingBean
	WorkerNodeRegistry qtasksWorkerNodeRegistry() {
		return new MemoryWorkerNodeRegistry(NODE_HEARTBEAT_INTERVAL, CLOCK);
	}

	@Bean
	@ConditionalOnMissingBean
	TaskContext taskContext() {
		return CurrentTaskContext.proxy();
	}

}
