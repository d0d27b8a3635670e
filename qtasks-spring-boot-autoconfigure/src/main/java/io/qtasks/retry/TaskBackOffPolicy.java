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
 * {@link ExponentialBackOff} (delay, multiplier, cap and jitter). The worker never sleeps
 * through them: {@link TaskRetries} hands it a {@link Sleeper} that only records the
 * pause, and the task waits in the engine. With the default sleeper, an interrupt ends a
 * pause with a {@link BackOffInterruptedException}.
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
