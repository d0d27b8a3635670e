package io.qtasks.worker;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.springframework.retry.RetryContext;

import io.qtasks.QTasks;
import io.qtasks.Task;
import io.qtasks.TaskSelf;
import io.qtasks.TaskStatus;
import io.qtasks.broker.LeaseLostException;
import io.qtasks.broker.TaskBroker;
import io.qtasks.broker.TaskDelivery;
import io.qtasks.config.QTasksProperties;
import io.qtasks.context.DefaultTaskContext;
import io.qtasks.context.TaskComponents;
import io.qtasks.context.TaskContextHolder;
import io.qtasks.context.TaskRun;
import io.qtasks.definition.TaskDefinition;
import io.qtasks.definition.TaskDefinitionRegistry;
import io.qtasks.invocation.DefaultTaskSelf;
import io.qtasks.invocation.TaskInvoker;
import io.qtasks.retry.TaskAttemptCallback;
import io.qtasks.retry.TaskRetryTemplates;
import io.qtasks.storage.TaskStorage;

/**
 * Runs one claimed task to its end: looks up the definition, runs the attempts under the
 * task's retry template, and records {@code process}, {@code retry} and the final status
 * through the delivery. Failures of any kind end in a record, never in a dead worker.
 *
 * @author QTasks contributors
 */
public class TaskProcessor {

	/**
	 * MDC key holding the running task's name.
	 */
	public static final String MDC_TASK_NAME = "taskName";

	/**
	 * MDC key holding the running task's uuid.
	 */
	public static final String MDC_TASK_UUID = "taskUuid";

	private static final Logger logger = LoggerFactory.getLogger(TaskProcessor.class);

	private static final int MAX_TRACEBACK_LENGTH = 32 * 1024;

	private final TaskDefinitionRegistry registry;

	private final TaskBroker broker;

	private final TaskStorage storage;

	private final TaskInvoker invoker;

	private final TaskRetryTemplates retryTemplates;

	private final QTasksProperties properties;

	private final TaskComponents components;

	private final Supplier<QTasks> client;

	private final Clock clock;

	/**
	 * Creates a processor.
	 * @param registry the known tasks
	 * @param broker the broker (for cancel requests that arrived before the run)
	 * @param storage where records are read
	 * @param invoker runs single attempts
	 * @param retryTemplates the tasks' retry templates
	 * @param properties the configuration, exposed to tasks
	 * @param components the components tasks can look up
	 * @param client the client for nested tasks
	 * @param clock dates record changes
	 */
	public TaskProcessor(TaskDefinitionRegistry registry, TaskBroker broker, TaskStorage storage, TaskInvoker invoker,
			TaskRetryTemplates retryTemplates, QTasksProperties properties, TaskComponents components,
			Supplier<QTasks> client, Clock clock) {
		this.registry = registry;
		this.broker = broker;
		this.storage = storage;
		this.invoker = invoker;
		this.retryTemplates = retryTemplates;
		this.properties = properties;
		this.components = components;
		this.client = client;
		this.clock = clock;
	}

	/**
	 * Runs a claimed task on the calling thread.
	 * @param delivery the claim
	 * @param run the run's control state, registered for cancel requests
	 */
	public void process(TaskDelivery delivery, TaskRun run) {
		Task claimed = delivery.task();
		Optional<TaskDefinition> definition = this.registry.find(claimed.taskName());
		if (definition.isEmpty()) {
			String message = "Unknown task '" + claimed.taskName() + "': no @QTask with this name is registered on"
					+ " this worker (known tasks: " + this.registry.getNames() + ")";
			logger.warn("Task {} failed: {}", claimed.uuid(), message);
			delivery.complete(claimed.toBuilder()
				.status(TaskStatus.ERROR)
				.traceback(message)
				.updatedAt(this.clock.instant())
				.build());
			return;
		}
		new Execution(delivery, run, definition.get()).run();
	}

	private static String traceback(Throwable failure) {
		StringWriter out = new StringWriter();
		failure.printStackTrace(new PrintWriter(out));
		String text = out.toString();
		return (text.length() > MAX_TRACEBACK_LENGTH) ? text.substring(0, MAX_TRACEBACK_LENGTH) + "\n\t… (truncated)"
				: text;
	}

	private static String describe(Throwable failure) {
		return failure.getClass().getName() + ((failure.getMessage() != null) ? ": " + failure.getMessage() : "");
	}

	/**
	 * One run of one task, across its attempts.
	 */
	private final class Execution implements TaskAttemptCallback<Object> {

		private final TaskDelivery delivery;

		private final TaskRun run;

		private final TaskDefinition definition;

		private final DefaultTaskContext context;

		private final TaskSelf self;

		private final List<Map<String, Object>> attempts = new ArrayList<>();

		private Task current;

		Execution(TaskDelivery delivery, TaskRun run, TaskDefinition definition) {
			this.delivery = delivery;
			this.run = run;
			this.definition = definition;
			this.current = delivery.task().toBuilder().retry(definition.retry()).build();
			this.context = new DefaultTaskContext(run, definition, TaskProcessor.this.storage,
					TaskProcessor.this.properties, TaskProcessor.this.components);
			this.self = definition.echo()
					? new DefaultTaskSelf(definition, this.context, TaskProcessor.this.client.get()) : null;
		}

		void run() {
			this.run.attach(Thread.currentThread());
			MDC.put(MDC_TASK_NAME, this.definition.name());
			MDC.put(MDC_TASK_UUID, this.run.uuid().toString());
			try (TaskContextHolder.Activation activation = TaskContextHolder.activate(this.context)) {
				TaskProcessor.this.broker.cancelRequest(this.run.uuid()).ifPresent(this.run::cancel);
				Object result = TaskProcessor.this.retryTemplates.forTask(this.definition).execute(this);
				complete(finish(TaskStatus.SUCCESS).returning(result).traceback(null).build());
				logger.debug("Task {} ({}) succeeded", this.run.uuid(), this.definition.name());
			}
			catch (Throwable failure) {
				failed(failure);
			}
			finally {
				MDC.remove(MDC_TASK_NAME);
				MDC.remove(MDC_TASK_UUID);
				this.run.detach();
			}
		}

		@Override
		public Object doWithRetry(RetryContext retryContext) throws Exception {
			if (this.run.isStopRequested()) {
				throw this.run.stopException();
			}
			int attempt = retryContext.getRetryCount() + 1;
			this.context.setAttempt(attempt);
			Instant now = TaskProcessor.this.clock.instant();
			Map<String, Object> entry = new LinkedHashMap<>();
			entry.put("attempt", attempt);
			entry.put("startedAt", now.toString());
			this.attempts.add(Collections.unmodifiableMap(entry));
			Task.Builder processing = this.current.toBuilder()
				.status(TaskStatus.PROCESS)
				.attempt(attempt)
				.updatedAt(now)
				.extra("attempts", List.copyOf(this.attempts));
			if (attempt == 1) {
				processing.extra("startedAt", now.toString());
			}
			write(processing.build());
			return TaskProcessor.this.invoker.invoke(this.definition, this.current, this.self, this.context);
		}

		@Override
		public void retryScheduled(int failedAttempt, Throwable failure) {
			Instant now = TaskProcessor.this.clock.instant();
			endAttempt(now, failure);
			logger.info("Task {} ({}) attempt {} of {} failed, retrying: {}", this.run.uuid(), this.definition.name(),
					failedAttempt, this.definition.retry() + 1, describe(failure));
			write(this.current.toBuilder()
				.status(TaskStatus.RETRY)
				.traceback(traceback(failure))
				.updatedAt(now)
				.extra("attempts", List.copyOf(this.attempts))
				.build());
		}

		private void failed(Throwable failure) {
			if (failure instanceof LeaseLostException) {
				logger.warn("{}", failure.getMessage());
				return;
			}
			if (this.run.isShutdown() && this.run.cancelReason() == null) {
				logger.info("Task {} ({}) was interrupted by shutdown and goes back to the queue", this.run.uuid(),
						this.definition.name());
				this.delivery.release();
				return;
			}
			String reason = this.run.cancelReason();
			if (reason != null) {
				logger.info("Task {} was canceled due to: {}", this.run.uuid(), reason);
				complete(finish(TaskStatus.CANCEL).cancelReason(reason).traceback(null).build());
				return;
			}
			Throwable cause = this.run.isTimedOut() ? this.run.stopException() : failure;
			logger.warn("Task {} ({}) failed after {} attempt(s): {}", this.run.uuid(), this.definition.name(),
					this.context.attempt(), describe(cause));
			complete(finish(TaskStatus.ERROR, cause).traceback(traceback(cause)).build());
		}

		private Task.Builder finish(TaskStatus status) {
			return finish(status, null);
		}

		private Task.Builder finish(TaskStatus status, Throwable failure) {
			Instant now = TaskProcessor.this.clock.instant();
			endAttempt(now, failure);
			return this.current.toBuilder()
				.status(status)
				.updatedAt(now)
				.extra("finishedAt", now.toString())
				.extra("attempts", List.copyOf(this.attempts));
		}

		private void endAttempt(Instant now, Throwable failure) {
			int last = this.attempts.size() - 1;
			if (last >= 0 && !this.attempts.get(last).containsKey("endedAt")) {
				Map<String, Object> ended = new LinkedHashMap<>(this.attempts.get(last));
				ended.put("endedAt", now.toString());
				if (failure != null) {
					ended.put("error", describe(failure));
				}
				this.attempts.set(last, Collections.unmodifiableMap(ended));
			}
		}

		private void write(Task record) {
			if (!this.delivery.update(record)) {
				throw new LeaseLostException(record.uuid());
			}
			this.current = record;
		}

		private void complete(Task record) {
			if (this.delivery.complete(record)) {
				this.current = record;
			}
			else {
				logger.warn("Task {} ({}) finished as {}, but its claim was lost to another worker; the outcome is"
						+ " discarded", record.uuid(), record.taskName(), record.status());
			}
		}

	}

}
