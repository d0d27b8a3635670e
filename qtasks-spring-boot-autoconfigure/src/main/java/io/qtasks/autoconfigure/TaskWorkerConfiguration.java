package io.qtasks.autoconfigure;

import java.util.List;
import java.util.concurrent.Executor;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.thread.Threading;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

import io.qtasks.QTasks;
import io.qtasks.config.QTasksProperties;
import io.qtasks.config.QTasksProperties.WorkerMode;
import io.qtasks.context.TaskContexts;
import io.qtasks.definition.TaskDefinitionRegistry;
import io.qtasks.engine.TaskEngine;
import io.qtasks.execution.DefaultTaskErrorHandler;
import io.qtasks.execution.RunTimer;
import io.qtasks.execution.TaskErrorHandler;
import io.qtasks.execution.TaskRunner;
import io.qtasks.invocation.TaskArgumentBinder;
import io.qtasks.invocation.TaskArgumentValidator;
import io.qtasks.invocation.TaskInvoker;
import io.qtasks.json.TaskJsonMapper;
import io.qtasks.middleware.TaskMiddleware;
import io.qtasks.node.WorkerNodeRegistry;
import io.qtasks.observation.TaskInstrumentation;
import io.qtasks.retry.TaskRetries;
import io.qtasks.schedule.ScheduleFirer;
import io.qtasks.worker.BeanFactoryTaskComponents;
import io.qtasks.worker.InlineTaskRunner;
import io.qtasks.worker.QTasksWorker;

/**
 * The part of {@link QTasksAutoConfiguration} that runs tasks, on nodes whose worker is
 * enabled ({@code qtasks.worker.enabled}): the invoker, the runner with its retries and
 * error handler, and the pool worker ({@code qtasks.worker.mode=pool}) or the inline
 * runner of tests ({@code inline}).
 *
 * @author QTasks contributors
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnBooleanProperty(name = "qtasks.worker.enabled", matchIfMissing = true)
class TaskWorkerConfiguration {

	@Bean
	@ConditionalOnMissingBean
	TaskInvoker qtasksTaskInvoker(TaskJsonMapper json, ObjectProvider<TaskMiddleware> middlewares,
			ObjectProvider<TaskArgumentValidator> validator, QTasksProperties properties) {
		List<TaskMiddleware> global = middlewares.orderedStream().toList();
		TaskArgumentBinder binder = new TaskArgumentBinder(json,
				validator.getIfUnique(() -> TaskArgumentValidator.NONE));
		return new TaskInvoker(binder, json, global, QTasksSettings.invocation(properties));
	}

	@Bean
	@ConditionalOnMissingBean
	RunTimer qtasksRunTimer() {
		return new RunTimer();
	}

	@Bean
	@ConditionalOnMissingBean
	TaskRetries qtasksTaskRetries(QTasksProperties properties) {
		return (properties.getWorker().getMode() == WorkerMode.INLINE) ? TaskRetries.withoutPauses()
				: new TaskRetries();
	}

	@Bean
	@ConditionalOnMissingBean
	TaskErrorHandler qtasksTaskErrorHandler() {
		return new DefaultTaskErrorHandler();
	}

	@Bean
	@ConditionalOnMissingBean
	TaskRunner qtasksTaskRunner(TaskDefinitionRegistry registry, TaskEngine engine, TaskInvoker invoker,
			TaskRetries retries, TaskErrorHandler errorHandler, QTasksProperties properties,
			ConfigurableListableBeanFactory beanFactory, ObjectProvider<QTasks> client, RunTimer timer,
			TaskInstrumentation instrumentation) {
		TaskContexts contexts = new TaskContexts(engine, properties, new BeanFactoryTaskComponents(beanFactory),
				client::getObject);
		return new TaskRunner(registry, contexts, engine.transitions(), invoker, retries, errorHandler, instrumentation,
				timer, QTasksSettings.run(properties));
	}

	@Bean
	@ConditionalOnMissingBean
	@ConditionalOnProperty(name = "qtasks.worker.mode", havingValue = "inline")
	InlineTaskRunner qtasksInlineTaskRunner(TaskEngine engine, TaskRunner runner) {
		return new InlineTaskRunner(engine, runner);
	}

	@Bean
	@ConditionalOnMissingBean
	@ConditionalOnProperty(name = "qtasks.worker.mode", havingValue = "pool", matchIfMissing = true)
	QTasksWorker qtasksWorker(TaskEngine engine, TaskRunner runner, TaskDefinitionRegistry registry,
			WorkerNodeRegistry nodes, ConfigurableListableBeanFactory beanFactory, QTasksProperties properties,
			Environment environment, TaskJsonMapper json) {
		ScheduleFirer schedules = properties.getSchedules().isEnabled() ? new ScheduleFirer(engine, registry, json,
				QTasksSettings.client(properties), QTasksSettings.schedules(properties), QTasksAutoConfiguration.CLOCK)
				: null;
		return new QTasksWorker(engine, runner, registry, nodes, (name) -> beanFactory.getBean(name, Executor.class),
				QTasksSettings.worker(properties, Threading.VIRTUAL.isActive(environment)),
				QTasksAutoConfiguration.CLOCK, schedules);
	}

}
