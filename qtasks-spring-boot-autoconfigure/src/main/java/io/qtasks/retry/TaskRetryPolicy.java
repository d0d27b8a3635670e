package io.qtasks.retry;

import java.util.List;

import org.springframework.retry.RetryContext;
import org.springframework.retry.RetryPolicy;

import io.qtasks.TaskCancelledException;
import io.qtasks.context.TaskInterruptedException;
import io.qtasks.context.TaskTimeoutException;
import io.qtasks.engine.ClaimLostException;
import io.qtasks.engine.EngineWriteException;
import io.qtasks.invocation.TaskArgumentException;
import io.qtasks.invocation.TaskResultException;

/**
 * Wraps a task's {@link RetryPolicy} (built from {@code retry}/{@code retryOn} or named
 * by {@code retryPolicy}) so that failures another attempt cannot change are never
 * retried, whatever the wrapped policy says: cancellation, timeout, interruption, a lost
 * claim, an engine that cannot store the run, arguments that do not fit the method and
 * results that cannot be stored.
 *
 * @author QTasks contributors
 */
public class TaskRetryPolicy implements RetryPolicy {

	private static final List<Class<? extends Throwable>> NEVER_RETRIED = List.of(TaskCancelledException.class,
			TaskTimeoutException.class, TaskInterruptedException.class, TaskArgumentException.class,
			TaskResultException.class, ClaimLostException.class, EngineWriteException.class);

	private final RetryPolicy delegate;

	/**
	 * Creates a guard around a policy.
	 * @param delegate the policy that decides every other failure
	 */
	public TaskRetryPolicy(RetryPolicy delegate) {
		this.delegate = delegate;
	}

	/**
	 * Whether a failure is one that is never retried.
	 * @param failure the failure
	 * @return {@code true} for cancellation, timeout, interruption, a lost claim, bad
	 * arguments and unstorable results
	 */
	public static boolean isNeverRetried(Throwable failure) {
		return failure != null && NEVER_RETRIED.stream().anyMatch((type) -> type.isInstance(failure));
	}

	@Override
	public boolean canRetry(RetryContext context) {
		return !isNeverRetried(context.getLastThrowable()) && this.delegate.canRetry(context);
	}

	@Override
	public RetryContext open(RetryContext parent) {
		return this.delegate.open(parent);
	}

	@Override
	public void close(RetryContext context) {
		this.delegate.close(context);
	}

	@Override
	public void registerThrowable(RetryContext context, Throwable throwable) {
		this.delegate.registerThrowable(context, throwable);
	}

	@Override
	public int getMaxAttempts() {
		return this.delegate.getMaxAttempts();
	}

	@Override
	public String toString() {
		return "TaskRetryPolicy(" + this.delegate + ")";
	}

}
