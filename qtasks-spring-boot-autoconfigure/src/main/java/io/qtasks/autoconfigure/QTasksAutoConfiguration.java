package io.qtasks.autoconfigure;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executor;

import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.beans.factory.config.CustomScopeConfigurer;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnSingleCandidate;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration;
import org.springframework.boot.thread.Threading;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Role;
import org.springframework.core.env.Environment;
import org.springframework.beans.factory.config.BeanDefinition;

import io.qtasks.QTasks;
import io.qtasks.TaskContext;
import io.qtasks.broker.TaskBroker;
import io.qtasks.broker.memory.MemoryWorkerNodeRegistry;
import io.qtasks.client.DefaultQTasks;
import io.qtasks.config.QTasksProperties;
import io.qtasks.context.CurrentTaskContext;
import io.qtasks.context.TaskScope;
import io.qtasks.definition.QTaskAnnotationBeanPostProcessor;
import io.qtasks.definition.TaskDefinitionFactory;
import io.qtasks.definition.TaskDefinitionRegistry;
import io.qtasks.invocation.BeanValidationArgumentValidator;
import io.qtasks.invocation.JsonTaskDecoder;
import io.qtasks.invocation.TaskArgumentBinder;
import io.qtasks.invocation.TaskArgumentValidator;
import io.qtasks.invocation.TaskInvoker;
import io.qtasks.json.TaskJsonMapper;
import io.qtasks.middleware.TaskMiddleware;
import io.qtasks.retry.TaskRetryTemplates;
import io.qtasks.storage.TaskStorage;
import io.qtasks.worker.BeanFactoryTaskComponents;
import io.qtasks.worker.QTasksWorker;
import io.qtasks.worker.RunTimer;
import io.qtasks.worker.TaskProcessor;
import io.qtasks.worker.WorkerNodeHeartbeat;
import io.qtasks.broker.WorkerNodeRegistry;

/**
 * Auto-configuration of QTasks: discovery of {@code @QTask} methods, the {@link QTasks}
 * client, the {@code task} scope with its {@link TaskContext}, the worker, and the
 * in-memory broker unless another one is configured ({@link QTasksRedisAutoConfiguration}
 * configures Redis), and the registry of worker nodes.
 *
 * @author QTasks contributors
 */
@AutoConfiguration(after = JacksonAutoConfiguration.class,
		afterName = "org.springframework.boot.validation.autoconfigure.ValidationAutoConfiguration")
@EnableConfigurationProperties(QTasksProperties.class)
@Import({ RedisBrokerUnavailableConfiguration.class, MemoryBrokerConfiguration.class })
public final class QTasksAutoConfiguration {

	private static final Clock CLOCK = Clock.systemUTC();

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

	@Bean
	@ConditionalOnMissingBean
	TaskDefinitionRegistry qtasksTaskDefinitionRegistry() {
		return new TaskDefinitionRegistry();
	}

	@Bean
	@ConditionalOnMissingBean
	TaskDefinitionFactory qtasksTaskDefinitionFactory(ConfigurableListableBeanFactory beanFactory,
			QTasksProperties properties) {
		return new TaskDefinitionFactory(beanFactory, properties, new JsonTaskDecoder());
	}

	@Bean
	@ConditionalOnMissingBean
	TaskJsonMapper qtasksTaskJsonMapper(ObjectProvider<JsonMapper> jsonMapper) {
		return new TaskJsonMapper(jsonMapper.getIfAvailable(JsonMapper::new));
	}

	@Bean
	@ConditionalOnMissingBean(QTasks.class)
	DefaultQTasks qtasks(TaskBroker broker, TaskStorage storage, TaskDefinitionRegistry registry, TaskJsonMapper json,
			QTasksProperties properties) {
		return new DefaultQTasks(broker, storage, registry, json, properties, CLOCK);
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

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnBooleanProperty(name = "qtasks.worker.enabled", matchIfMissing = true)
	static class WorkerConfiguration {

		@Bean
		@ConditionalOnMissingBean
		TaskInvoker qtasksTaskInvoker(TaskJsonMapper json, ObjectProvider<TaskMiddleware> middlewares,
				ObjectProvider<TaskArgumentValidator> validator) {
			List<TaskMiddleware> global = middlewares.orderedStream().toList();
			TaskArgumentBinder binder = new TaskArgumentBinder(json,
					validator.getIfUnique(() -> TaskArgumentValidator.NONE));
			return new TaskInvoker(binder, json, global);
		}

		@Bean
		@ConditionalOnMissingBean
		RunTimer qtasksRunTimer() {
			return new RunTimer();
		}

		@Bean
		@ConditionalOnMissingBean
		TaskRetryTemplates qtasksTaskRetryTemplates() {
			return new TaskRetryTemplates(List.of());
		}

		@Bean
		@ConditionalOnMissingBean
		TaskProcessor qtasksTaskProcessor(TaskDefinitionRegistry registry, TaskBroker broker, TaskStorage storage,
				TaskInvoker invoker, TaskRetryTemplates retryTemplates, QTasksProperties properties,
				ConfigurableListableBeanFactory beanFactory, ObjectProvider<QTasks> client, RunTimer timer) {
			return new TaskProcessor(registry, broker, storage, invoker, retryTemplates, properties,
					new BeanFactoryTaskComponents(beanFactory), client::getObject, CLOCK, timer);
		}

		@Bean
		@ConditionalOnMissingBean
		QTasksWorker qtasksWorker(TaskBroker broker, TaskProcessor processor, TaskDefinitionRegistry registry,
				ConfigurableListableBeanFactory beanFactory, QTasksProperties properties, Environment environment) {
			QTasksWorker worker = new QTasksWorker(broker, processor, registry,
					(name) -> beanFactory.getBean(name, Executor.class), properties.getWorker().getConcurrency(),
					properties.getWorker().getShutdownTimeout());
			worker.setVirtualThreads(Threading.VIRTUAL.isActive(environment));
			return worker;
		}

		@Bean
		@ConditionalOnMissingBean
		WorkerNodeHeartbeat qtasksWorkerNodeHeartbeat(QTasksWorker worker, WorkerNodeRegistry registry) {
			return new WorkerNodeHeartbeat(worker, registry, CLOCK);
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(name = "jakarta.validation.Validator")
	@ConditionalOnBooleanProperty(name = "qtasks.worker.enabled", matchIfMissing = true)
	static class ValidationConfiguration {

		@Bean
		@ConditionalOnMissingBean(TaskArgumentValidator.class)
		@ConditionalOnSingleCandidate(jakarta.validation.Validator.class)
		BeanValidationArgumentValidator qtasksBeanValidationArgumentValidator(jakarta.validation.Validator validator) {
			return new BeanValidationArgumentValidator(validator);
		}

	}

}
