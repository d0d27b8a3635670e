package io.qtasks.retry;

import org.springframework.retry.RetryCallback;

/**
 * One attempt of a task, run by a template from {@link TaskRetryTemplates}, which tells
 * it when a failed attempt will be followed by another.
 *
 * @param <T> the result type
 * @author QTasks contributors
 */
public interface TaskAttemptCallback<T> extends RetryCallback<T, Exception> {

	/**
	 * Called after a failed attempt when another attempt will follow (before any
	 * back-off).
	 * @param failedAttempt the number of the attempt that failed, from 1
	 * @param failure why it failed
	 */
	void retryScheduled(int failedAttempt, Throwable failure);

}
