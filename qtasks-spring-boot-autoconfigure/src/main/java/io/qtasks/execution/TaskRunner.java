package io.qtasks.execution;

import java.util.List;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.qtasks.engine.LogSafe;
import io.qtasks.Task;
import io.qtasks.TaskSelf;
import io.qtasks.context.DefaultTaskContext;
import io.qtasks.context.TaskContexts;
import io.qtasks.context.TaskRun;
import io.qtasks.definition.TaskDefinition;
import io.qtasks.definition.TaskDefinitionRegistry;
import io.qtasks.engine.TaskDelivery;
import io.qtasks.engine.TaskTransitions;
import io.qtasks.invocation.DefaultTaskSelf;
import io.qtasks.invocation.TaskInvoker;
import io.qtasks.observation.TaskExecution;
import io.qtasks.observation.TaskInstrumentation;
import io.qtasks.retry.TaskRetries;

/**
 * Turns one claimed delivery into an outcome, on the calling thread: a chain of links
 * around one attempt of the task, outermost first:
 * <ol>
 * <li>observation of the whole run;</li>
 * <li>the task's context on this thread (task scope, MDC, interruptible thread);</li>
 * <li>recording of the outcome through the delivery;</li>
 * <li>admission (a cancel requested before the claim, a poison pill);</li>
 * <li>failures mapped to outcomes by the {@link TaskErrorHandler};</li>
 * <li>retry decided by spring-retry, the pause spent waiting in the engine;</li>
 * <li>the attempt itself, within the task's timeout.</li>
 * </ol>
 * Whatever happens, the run ends in a recorded outcome or a hand-back, never in a dead
 * worker.
 *
 * @author QTasks contributors
 */
public class TaskRunner {

	private static final Logger logger = LoggerFactory.getLogger(TaskRunner.class);

	private final TaskDefinitionRegistry registry;

	private final TaskContexts contexts;

	private final TaskTransitions transitions;

	private final ObservationLink observation;

	private final List<ExecutionLink> links;

	private final AttemptStep attempt;

	/**
	 * Creates a runner.
	 * @param registry the tasks this node knows
	 * @param contexts creates each run's context
	 * @param transitions builds the records
	 * @param invoker runs one attempt of a task
	 * @param retries decides retries
	 * @param errorHandler maps failures to outcomes
	 * @param instrumentation observes each run
	 * @param timer fires timeouts and delayed progress writes
	 * @param settings how runs behave
	 */
	public TaskRunner(TaskDefinitionRegistry registry, TaskContexts contexts, TaskTransitions transitions,
			TaskInvoker invoker, TaskRetries retries, TaskErrorHandler errorHandler,
			TaskInstrumentation instrumentation, RunTimer timer, RunSettings settings) {
		this.registry = registry;
		this.contexts = contexts;
		this.transitions = transitions;
		this.observation = new ObservationLink(instrumentation, transitions);
		this.links = List.of(this.observation, new ContextLink(), new RecordingLink(transitions),
				new AdmissionLink(settings.maxDeliveries()), new FailureLink(errorHandler),
				new RetryLink(retries, transitions));
		this.attempt = new AttemptStep(invoker, transitions, timer, settings.progressInterval());
	}

	/**
	 * Runs a claimed task.
	 * @param delivery the claim
	 * @param run the run's control state, registered for cancel requests
	 * @return the outcome as recorded
	 */
	public RunOutcome run(TaskDelivery delivery, TaskRun run) {
		Task claimed = delivery.task();
		Optional<TaskDefinition> definition = this.registry.find(claimed.taskName());
		if (definition.isEmpty()) {
			return runUnknown(delivery);
		}
		try {
			return ExecutionLink.run(this.links, this.attempt, execution(delivery, run, definition.get()));
		}
		catch (Exception ex) {
			// every link turns failures into outcomes; this is a bug
			throw new IllegalStateException("Task " + claimed.uuid() + " escaped its run", ex);
		}
	}

	private Execution execution(TaskDelivery delivery, TaskRun run, TaskDefinition definition) {
		Task claimed = this.transitions.claimed(delivery.task(), delivery.deliveries(), definition.retry());
		DefaultTaskContext context = this.contexts.create(run, definition);
		TaskSelf self = definition.echo() ? new DefaultTaskSelf(definition, context, this.contexts.client()) : null;
		return new Execution(delivery, run, definition, context, self, new TaskRecordWriter(delivery, run, claimed));
	}

	/**
	 * A task no {@code @QTask} of this node declares ends as {@code error}, saying what
	 * this node knows.
	 */
	private RunOutcome runUnknown(TaskDelivery delivery) {
		Task claimed = delivery.task();
		String message = "Unknown task '" + claimed.taskName() + "': no @QTask with this name is registered on this"
				+ " worker (known tasks: " + this.registry.getNames() + ")";
		logger.warn("Task {} failed: {}", claimed.uuid(), LogSafe.text(message));
		TaskExecution execution = this.observation.start(claimed);
		RunOutcome outcome = new RunOutcome.Refused(message);
		try {
			if (!delivery.complete(this.transitions.failed(claimed, message)).written()) {
				outcome = new RunOutcome.Lost();
			}
		}
		catch (RuntimeException ex) {
			logger.warn("Could not record that task {} is unknown; it runs again once its claim runs out: {}",
					claimed.uuid(), ex.toString());
			outcome = new RunOutcome.HandedBack("the engine could not store its outcome", ex);
		}
		execution.outcome(ObservationLink.outcome(outcome), null);
		ObservationLink.stop(execution, claimed);
		return outcome;
	}

}
