package io.qtasks.retry;

import org.springframework.retry.RetryContext;
import org.springframework.retry.backoff.BackOffContext;
import org.springframework.retry.backoff.BackOffInterruptedException;
import org.springframework.retry.backoff.BackOffPolicy;
import org.springframework.retry.backoff.Sleeper;
import org.springframework.retry.backoff.ThreadWaitSleeper;
import org.springframework.util.backoff.BackOffExecution;
import org.springframework.util.backoff.ExponentialBackOff;

import io.qtasks.definition.TaskBackoff;

/**
 * The spring-retry {@link BackOffPolicy} of a task: pauses computed by Spring Framework's
 * {@link ExponentialBackOff} (delay, multiplier, cap and jitter), slept on the task's
 * thread. An interrupt (cancel, timeout, shutdown) ends the pause with a
 * {@link BackOffInterruptedException}, which ends the run.
 *
 * @author QTasks contributors
 */
public class TaskBackOffPolicy implements BackOffPolicy {

	private final ExponentialBackOff backOff;

	private final Sleeper sleeper;

	/**
	 * Creates a policy that sleeps with {@link Thread#sleep(long)}.
	 * @param settings the task's backoff settings
	 */
	public TaskBackOffPolicy(TaskBackoff settings) {
		this(settings, new ThreadWaitSleeper());
	}

	/**
	 * Creates a policy.
	 * @param settings the task's backoff settings
	 * @param sleeper how to pause
	 */
	public TaskBackOffPolicy(TaskBackoff settings, Sleeper sleeper) {
		this.backOff = new ExponentialBackOff(settings.delay().toMillis(), settings.multiplier());
		this.backOff.setMaxInterval(settings.maxDelay().toMillis());
		this.backOff.setJitter(settings.jitter().toMillis());
		this.sleeper = sleeper;
	}

	@Override
	public BackOffContext start(RetryContext context) {
		return new Execution(this.backOff.start());
	}

	@Override
	public void backOff(BackOffContext backOffContext) throws BackOffInterruptedException {
		long pause = ((Execution) backOffContext).execution().nextBackOff();
		if (pause <= 0) {
			return;
		}
		try {
			this.sleeper.sleep(pause);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new BackOffInterruptedException("The pause between attempts was interrupted", ex);
		}
	}

	@Override
	public String toString() {
		return "TaskBackOffPolicy(" + this.backOff + ")";
	}

	private record Execution(BackOffExecution execution) implements BackOffContext {

	}

}
