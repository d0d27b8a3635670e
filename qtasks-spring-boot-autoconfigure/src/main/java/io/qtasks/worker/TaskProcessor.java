package io.qtasks.worker;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Future;
import java.util.function.Supplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.springframework.core.NestedExceptionUtils;
import org.springframework.retry.RetryContext;

import io.qtasks.QTasks;
import io.qtasks.Task;
import io.qtasks.TaskSelf;
import io.qtasks.TaskStatus;
import io.qtasks.broker.BrokerWriteException;
import io.qtasks.broker.LeaseLostException;
import io.qtasks.broker.TaskBroker;
import io.qtasks.broker.TaskDelivery;
import io.qtasks.broker.TaskRequeue;
import io.qtasks.config.QTasksProperties;
import io.qtasks.context.DefaultTaskContext;
import io.qtasks.context.TaskComponents;
import io.qtasks.context.TaskContextHolder;
import io.qtasks.context.TaskRun;
import io.qtasks.context.TaskTimeoutException;
import io.qtasks.definition.TaskDefinition;
import io.qtasks.definition.TaskDefinitionRegistry;
import io.qtasks.invocation.DefaultTaskSelf;
import io.qtasks.invocation.TaskInvoker;
import io.qtasks.invocation.TaskProgress;
import io.qtasks.observation.TaskExecution;
import io.qtasks.observation.TaskInstrumentation;
import io.qtasks.observation.TaskOutcome;
import io.qtasks.retry.TaskAttemptCallback;
import io.qtasks.retry.TaskRetryPolicy;
import io.qtasks.retry.TaskRetryTemplates;
import io.qtasks.storage.TaskStorage;

/**
 * Runs one claimed task to its end: looks up the definition, runs the attempts under the
 * task's retry template, and records {@code process}, {@code retry} and the final status
 * through the delivery. Failures of any kind end in a record, never in a dead worker.
 * <p>
 * The task's timeout bounds the whole run (every attempt and the pauses between them):
 * when it passes, the run is interrupted and ends as {@code error} with a
 * {@link io.qtasks.context.TaskTimeoutException}, without further attempts. A generator
 * task's progress (the count of elements produced so far in the current attempt) is
 * written to {@code extra.progress}, at most once per
 * {@code qtasks.worker.progress-interval}.
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

	private static final String PROGRESS = "progress";

	private static final String ATTEMPTS = "attempts";

	private static final String DELIVERIES = "deliveries";

	private static final String LOST_ATTEMPT = "lost: the worker running it stopped or lost its claim before the attempt"
			+ " ended";

	private final TaskDefinitionRegistry registry;

	private final TaskBroker broker;

	private final TaskStorage storage;

	private final TaskInvoker invoker;

	private final TaskRetryTemplates retryTemplates;

	private final QTasksProperties properties;

	private final TaskComponents components;

	private final Supplier<QTasks> client;

	private final Clock clock;

	private final RunTimer timer;

	private final long progressIntervalNanos;

	private final TaskInstrumentation instrumentation;

	/**
	 * Creates a processor that observes nothing.
	 * @param registry the known tasks
	 * @param broker the broker (for cancel requests that arrived before the run)
	 * @param storage where records are read
	 * @param invoker runs single attempts
	 * @param retryTemplates the tasks' retry templates
	 * @param properties the configuration, exposed to tasks
	 * @param components the components tasks can look up
	 * @param client the client for nested tasks
	 * @param clock dates record changes
	 * @param timer fires timeouts and delayed progress writes
	 */
	public TaskProcessor(TaskDefinitionRegistry registry, TaskBroker broker, TaskStorage storage, TaskInvoker invoker,
			TaskRetryTemplates retryTemplates, QTasksProperties properties, TaskComponents components,
			Supplier<QTasks> client, Clock clock, RunTimer timer) {
		this(registry, broker, storage, invoker, retryTemplates, properties, components, client, clock, timer,
				TaskInstrumentation.NONE);
	}

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
	 * @param timer fires timeouts and delayed progress writes
	 * @param instrumentation observes each run and counts pickups and retries
	 */
	public TaskProcessor(TaskDefinitionRegistry registry, TaskBroker broker, TaskStorage storage, TaskInvoker invoker,
			TaskRetryTemplates retryTemplates, QTasksProperties properties, TaskComponents components,
			Supplier<QTasks> client, Clock clock, RunTimer timer, TaskInstrumentation instrumentation) {
		this.registry = registry;
		this.broker = broker;
		this.storage = storage;
		this.invoker = invoker;
		this.retryTemplates = retryTemplates;
		this.properties = properties;
		this.components = components;
		this.client = client;
		this.clock = clock;
		this.timer = timer;
		this.progressIntervalNanos = properties.getWorker().getProgressInterval().toNanos();
		this.instrumentation = instrumentation;
	}

	/**
	 * Runs a claimed task on the calling thread.
	 * @param delivery the claim
	 * @param run the run's control state, registered for cancel requests
	 */
	public void process(TaskDelivery delivery, TaskRun run) {
		Task claimed = delivery.task();
		TaskExecution execution = this.instrumentation.startExecution(claimed, waited(claimed));
		try {
			Optional<TaskDefinition> definition = this.registry.find(claimed.taskName());
			if (definition.isEmpty()) {
				String message = "Unknown task '" + claimed.taskName() + "': no @QTask with this name is registered"
						+ " on this worker (known tasks: " + this.registry.getNames() + ")";
				logger.warn("Task {} failed: {}", claimed.uuid(), message);
				boolean written = delivery.complete(claimed.toBuilder()
					.status(TaskStatus.ERROR)
					.traceback(message)
					.updatedAt(this.clock.instant())
					.build());
				execution.outcome(written ? TaskOutcome.ERROR : TaskOutcome.LOST, null);
				return;
			}
			new Execution(delivery, run, definition.get(), execution).run();
		}
		finally {
			execution.stop();
		}
	}

	private Duration waited(Task claimed) {
		Instant queuedAt = TaskRequeue.queuedAt(claimed);
		return (queuedAt != null) ? Duration.between(queuedAt, this.clock.instant()) : Duration.ZERO;
	}

	private static String traceback(Throwable failure) {
		StringWriter out = new StringWriter();
		failure.printStackTrace(new PrintWriter(out));
		String text = out.toString();
		return (text.length() > MAX_TRACEBACK_LENGTH) ? text.substring(0, MAX_TRACEBACK_LENGTH) + "\n\t… (truncated)"
				: text;
	}

	/**
	 * The attempts earlier claims of a task recorded (earlier runs of a requeued task, or
	 * a claim cut short by a lost lease or a shutdown), those that never ended marked as
	 * lost.
	 */
	private static List<Map<String, Object>> earlierAttempts(Task claimed) {
		if (!(claimed.extra().get(ATTEMPTS) instanceof List<?> recorded)) {
			return List.of();
		}
		List<Map<String, Object>> attempts = new ArrayList<>(recorded.size());
		for (Object entry : recorded) {
			if (entry instanceof Map<?, ?> map) {
				Map<String, Object> attempt = new LinkedHashMap<>();
				map.forEach((key, value) -> attempt.put(String.valueOf(key), value));
				if (!attempt.containsKey("endedAt")) {
					attempt.putIfAbsent("error", LOST_ATTEMPT);
				}
				attempts.add(Collections.unmodifiableMap(attempt));
			}
		}
		return attempts;
	}

	/**
	 * The number of the last of the given attempts, or the record's attempt when higher.
	 */
	private static int lastAttempt(Task claimed, List<Map<String, Object>> attempts) {
		int last = claimed.attempt();
		for (Map<String, Object> attempt : attempts) {
			if (attempt.get("attempt") instanceof Number number) {
				last = Math.max(last, number.intValue());
			}
		}
		return last;
	}

	private static Map<String, Object> progress(int count) {
		return Map.of("count", count);
	}

	private static TaskOutcome outcome(TaskStatus status) {
		return switch (status) {
			case SUCCESS -> TaskOutcome.SUCCESS;
			case CANCEL -> TaskOutcome.CANCEL;
			default -> TaskOutcome.ERROR;
		};
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

		private final TaskExecution execution;

		private final DefaultTaskContext context;

		private final TaskSelf self;

		private final List<Map<String, Object>> attempts = new ArrayList<>();

		/**
		 * The number of the last attempt before this claim: attempts number on from those
		 * of earlier claims.
		 */
		private final int earlierAttempts;

		/**
		 * The index in {@link #attempts} of this claim's first attempt.
		 */
		private final int ownAttemptsFrom;

		private Task current;

		private Progress progress;

		Execution(TaskDelivery delivery, TaskRun run, TaskDefinition definition, TaskExecution execution) {
			this.delivery = delivery;
			this.run = run;
			this.definition = definition;
			this.execution = execution;
			Task.Builder claimed = delivery.task().toBuilder().retry(definition.retry());
			this.attempts.addAll(earlierAttempts(delivery.task()));
			if (delivery.deliveries() > 1) {
				claimed.extra(DELIVERIES, delivery.deliveries());
			}
			if (!this.attempts.isEmpty()) {
				claimed.extra(ATTEMPTS, List.copyOf(this.attempts));
			}
			this.earlierAttempts = lastAttempt(delivery.task(), this.attempts);
			this.ownAttemptsFrom = this.attempts.size();
			this.current = claimed.build();
			this.context = new DefaultTaskContext(run, definition, TaskProcessor.this.storage,
					TaskProcessor.this.properties, TaskProcessor.this.components);
			this.self = definition.echo()
					? new DefaultTaskSelf(definition, this.context, TaskProcessor.this.client.get()) : null;
		}

		void run() {
			this.run.attach(Thread.currentThread());
			MDC.put(MDC_TASK_NAME, this.definition.name());
			MDC.put(MDC_TASK_UUID, this.run.uuid().toString());
			Future<?> timeout = scheduleTimeout();
			try (TaskContextHolder.Activation activation = TaskContextHolder.activate(this.context)) {
				TaskProcessor.this.broker.cancelRequest(this.run.uuid()).ifPresent(this.run::cancel);
				Object result = TaskProcessor.this.retryTemplates.forTask(this.definition).execute(this);
				if (this.run.finish() && (this.run.cancelReason() != null || this.run.isTimedOut())) {
					// Cancelled or timed out before the outcome was fixed: that wins over
					// the value. A shutdown does not: the work is done, so it is kept.
					failed(this.run.stopException());
				}
				else {
					Task.Builder success = finish(TaskStatus.SUCCESS).returning(result).traceback(null);
					if (this.progress != null) {
						success.extra(PROGRESS, progress(this.progress.count()));
					}
					complete(success.build(), null);
					logger.debug("Task {} ({}) succeeded", this.run.uuid(), this.definition.name());
				}
			}
			catch (Throwable failure) {
				this.run.finish();
				failed(failure);
			}
			finally {
				if (timeout != null) {
					timeout.cancel(false);
				}
				MDC.remove(MDC_TASK_NAME);
				MDC.remove(MDC_TASK_UUID);
				this.run.detach();
			}
		}

		private Future<?> scheduleTimeout() {
			Duration timeout = this.definition.timeout();
			return (timeout != null) ? TaskProcessor.this.timer.schedule(() -> this.run.timeOut(timeout), timeout)
					: null;
		}

		@Override
		public Object doWithRetry(RetryContext retryContext) throws Exception {
			if (this.run.isStopRequested()) {
				throw this.run.stopException();
			}
			int attempt = this.earlierAttempts + retryContext.getRetryCount() + 1;
			this.context.setAttempt(attempt);
			this.execution.attempt(attempt);
			Instant now = TaskProcessor.this.clock.instant();
			Map<String, Object> entry = new LinkedHashMap<>();
			entry.put("attempt", attempt);
			entry.put("startedAt", now.toString());
			this.attempts.add(Collections.unmodifiableMap(entry));
			Task.Builder processing = this.current.toBuilder()
				.status(TaskStatus.PROCESS)
				.attempt(attempt)
				.updatedAt(now)
				.extra(ATTEMPTS, List.copyOf(this.attempts));
			if (!this.current.extra().containsKey("startedAt")) {
				processing.extra("startedAt", now.toString());
			}
			Progress progress = null;
			if (TaskInvoker.isGenerator(this.definition)) {
				progress = new Progress();
				processing.extra(PROGRESS, progress(0));
			}
			write(processing.build());
			this.progress = progress;
			try {
				return TaskProcessor.this.invoker.invoke(this.definition, this.current, this.self, this.context,
						(progress != null) ? progress : TaskProgress.NONE);
			}
			catch (Exception failure) {
				throw asStopped(failure);
			}
			finally {
				if (progress != null) {
					progress.close();
				}
			}
		}

		/**
		 * A failure of a run that was asked to stop becomes the stop's exception (with
		 * the failure attached), so that a task that turned the interrupt into some other
		 * exception is not retried.
		 */
		private Exception asStopped(Exception failure) {
			if (!this.run.isStopRequested() || TaskRetryPolicy.isNeverRetried(failure)) {
				return failure;
			}
			RuntimeException stopped = this.run.stopException();
			stopped.addSuppressed(failure);
			return stopped;
		}

		@Override
		public void retryScheduled(int failedAttempt, Throwable failure) {
			Instant now = TaskProcessor.this.clock.instant();
			endAttempt(now, failure);
			this.execution.retried(this.earlierAttempts + failedAttempt);
			logger.info("Task {} ({}) attempt {} failed, retrying: {}", this.run.uuid(), this.definition.name(),
					this.earlierAttempts + failedAttempt, describe(failure));
			write(this.current.toBuilder()
				.status(TaskStatus.RETRY)
				.traceback(traceback(failure))
				.updatedAt(now)
				.extra(ATTEMPTS, List.copyOf(this.attempts))
				.build());
		}

		private void failed(Throwable failure) {
			if (failure instanceof LeaseLostException) {
				logger.warn("{}", failure.getMessage());
				this.execution.outcome(TaskOutcome.LOST, null);
				return;
			}
			if (failure instanceof BrokerWriteException) {
				handBack(failure);
				return;
			}
			if (this.run.isShutdown() && this.run.cancelReason() == null) {
				logger.info("Task {} ({}) was interrupted by shutdown and goes back to the queue", this.run.uuid(),
						this.definition.name());
				this.delivery.release();
				this.execution.outcome(TaskOutcome.RELEASED, null);
				return;
			}
			String reason = this.run.cancelReason();
			if (reason != null) {
				logger.info("Task {} was canceled due to: {}", this.run.uuid(), reason);
				complete(finish(TaskStatus.CANCEL).cancelReason(reason).traceback(null).build(), null);
				return;
			}
			Throwable cause = failure;
			if (this.run.isTimedOut() && !(failure instanceof TaskTimeoutException)) {
				cause = this.run.stopException();
				cause.addSuppressed(failure);
			}
			logger.warn("Task {} ({}) failed after {} attempt(s): {}", this.run.uuid(), this.definition.name(),
					this.context.attempt(), describe(cause));
			complete(finish(TaskStatus.ERROR, cause).traceback(traceback(cause)).build(), cause);
		}

		/**
		 * The broker failed while the run was recording its state or outcome: the failure
		 * is not the task's, so no outcome is recorded. The task goes back to the queue,
		 * or, when the broker cannot take it back either, runs again once its claim runs
		 * out. (When the broker did store the outcome and only its reply was lost, the
		 * hand-back is refused and the outcome stands.)
		 */
		private void handBack(Throwable failure) {
			String cause = NestedExceptionUtils.getMostSpecificCause(failure).toString();
			this.execution.outcome(TaskOutcome.RELEASED, null);
			try {
				this.delivery.release();
				logger.warn("Task {} ({}) stopped: the broker could not store its state ({}); it goes back to the"
						+ " queue", this.run.uuid(), this.definition.name(), cause);
			}
			catch (RuntimeException ex) {
				logger.warn(
						"Task {} ({}) stopped: the broker could not store its state ({}) nor take the task back;"
								+ " it runs again once its claim runs out",
						this.run.uuid(), this.definition.name(), cause);
			}
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
				.extra(ATTEMPTS, List.copyOf(this.attempts));
		}

		private void endAttempt(Instant now, Throwable failure) {
			int last = this.attempts.size() - 1;
			if (last >= this.ownAttemptsFrom && !this.attempts.get(last).containsKey("endedAt")) {
				Map<String, Object> ended = new LinkedHashMap<>(this.attempts.get(last));
				ended.put("endedAt", now.toString());
				if (failure != null) {
					ended.put("error", describe(failure));
				}
				this.attempts.set(last, Collections.unmodifiableMap(ended));
			}
		}

		private synchronized void write(Task record) {
			boolean written;
			try {
				written = this.run.shielded(() -> this.delivery.update(record));
			}
			catch (RuntimeException ex) {
				throw new BrokerWriteException(record.uuid(), ex);
			}
			if (!written) {
				throw new LeaseLostException(record.uuid());
			}
			this.current = record;
		}

		private synchronized void writeProgress(int count) {
			write(this.current.toBuilder()
				.extra(PROGRESS, progress(count))
				.updatedAt(TaskProcessor.this.clock.instant())
				.build());
		}

		private synchronized void complete(Task record, Throwable failure) {
			boolean completed;
			try {
				completed = this.delivery.complete(record);
			}
			catch (RuntimeException ex) {
				handBack(new BrokerWriteException(record.uuid(), ex));
				return;
			}
			if (completed) {
				this.current = record;
				this.execution.outcome(outcome(record.status()), failure);
			}
			else {
				this.execution.outcome(TaskOutcome.LOST, null);
				logger.warn("Task {} ({}) finished as {}, but its claim was lost to another worker; the outcome is"
						+ " discarded", record.uuid(), record.taskName(), record.status());
			}
		}

		/**
		 * The progress of one attempt of a generator task. Writes at most once per
		 * interval; a count that changed within the interval is written when it ends, by
		 * the timer, so that the record never lags behind for long.
		 */
		private final class Progress implements TaskProgress {

			private int count;

			private int written = -1;

			private long writtenAt;

			private Future<?> pendingWrite;

			private boolean closed;

			@Override
			public void produced(int count) {
				if (Execution.this.run.isStopRequested()) {
					throw Execution.this.run.stopException();
				}
				synchronized (Execution.this) {
					this.count = count;
					long sinceWrite = System.nanoTime() - this.writtenAt;
					if (this.written < 0 || sinceWrite >= TaskProcessor.this.progressIntervalNanos) {
						writeNow();
					}
					else if (this.pendingWrite == null) {
						this.pendingWrite = TaskProcessor.this.timer.schedule(this::writeLate,
								Duration.ofNanos(TaskProcessor.this.progressIntervalNanos - sinceWrite));
					}
				}
			}

			int count() {
				synchronized (Execution.this) {
					return this.count;
				}
			}

			void close() {
				synchronized (Execution.this) {
					this.closed = true;
					if (this.pendingWrite != null) {
						this.pendingWrite.cancel(false);
					}
				}
			}

			private void writeLate() {
				synchronized (Execution.this) {
					this.pendingWrite = null;
					if (!this.closed && this.count != this.written) {
						try {
							writeNow();
						}
						catch (LeaseLostException | BrokerWriteException ex) {
							// the run's own next write reports it
						}
					}
				}
			}

			private void writeNow() {
				this.written = this.count;
				this.writtenAt = System.nanoTime();
				writeProgress(this.count);
			}

		}

	}

}
