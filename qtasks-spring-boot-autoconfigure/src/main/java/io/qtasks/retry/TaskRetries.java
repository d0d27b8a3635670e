package io.qtasks.retry;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import org.springframework.retry.RetryContext;
import org.springframework.retry.RetryPolicy;
import org.springframework.retry.backoff.BackOffContext;
import org.springframework.retry.policy.SimpleRetryPolicy;

import io.qtasks.definition.TaskDefinition;

/**
 * Decides, with spring-retry, whether a failed attempt of a task is retried and after
 * what pause. The {@link RetryPolicy} is the task's {@code retryPolicy} bean or the one
 * built from {@code retry} and {@code retryOn} (attempts = retry + 1; an exception is
 * retried when it is, or extends, a {@code retryOn} type, or any {@link Exception} when
 * {@code retryOn} is empty), always guarded by {@link TaskRetryPolicy}. The pause is what
 * the task's {@link TaskBackOffPolicy} asks for before that retry.
 * <p>
 * The attempts of one task may run on different nodes, so no retry context lives from one
 * attempt to the next: each decision opens a context and registers the failure once for
 * every failed attempt so far. Policies that count attempts (as spring-retry's simple,
 * max-attempts and classifier policies do) decide as they would within one template; a
 * policy that keeps time in its context (a timeout policy) sees each attempt as the
 * first.
 *
 * @author QTasks contributors
 */
public class TaskRetries {

	private final Map<String, RetryPolicy> policies = new ConcurrentHashMap<>();

	/**
	 * Retries that decide as these do, but never pause: for the inline mode, where a test
	 * should not wait for a task's backoff.
	 * @return the retries
	 */
	public static TaskRetries withoutPauses() {
		return new TaskRetries() {

			@Override
			public Optional<Duration> retryAfter(TaskDefinition definition, Throwable failure, int failedAttempts) {
				return super.retryAfter(definition, failure, failedAttempts).map((pause) -> Duration.ZERO);
			}

		};
	}

	/**
	 * How long to wait before the next attempt, if there is one.
	 * @param definition the task
	 * @param failure why the last attempt failed
	 * @param failedAttempts how many attempts have failed since the task was enqueued or
	 * requeued, the last one included
	 * @return the pause, or empty when the failure is not retried
	 */
	public Optional<Duration> retryAfter(TaskDefinition definition, Throwable failure, int failedAttempts) {
		RetryPolicy policy = this.policies.computeIfAbsent(definition.name(), (name) -> retryPolicy(definition));
		RetryContext context = policy.open(null);
		for (int i = 0; i < failedAttempts; i++) {
			policy.registerThrowable(context, failure);
		}
		if (!policy.canRetry(context)) {
			return Optional.empty();
		}
		return Optional.of(definition.backoff().isNone() ? Duration.ZERO : pause(definition, failedAttempts));
	}

	/**
	 * The retry policy of a task: its {@code retryPolicy} bean or the one built from
	 * {@code retry} and {@code retryOn}, guarded by {@link TaskRetryPolicy}.
	 * @param definition the task
	 * @return the policy
	 */
	public static RetryPolicy retryPolicy(TaskDefinition definition) {
		if (definition.retryPolicy() != null) {
			return new TaskRetryPolicy(definition.retryPolicy());
		}
		Map<Class<? extends Throwable>, Boolean> retryable = new LinkedHashMap<>();
		if (definition.retryOn().isEmpty()) {
			retryable.put(Exception.class, true);
		}
		else {
			definition.retryOn().forEach((type) -> retryable.put(type, true));
		}
		return new TaskRetryPolicy(new SimpleRetryPolicy(definition.retry() + 1, retryable, false, false));
	}

	/**
	 * The pause the back-off policy asks for before retry number {@code retry}.
	 */
	private static Duration pause(TaskDefinition definition, int retry) {
		AtomicLong last = new AtomicLong();
		TaskBackOffPolicy policy = new TaskBackOffPolicy(definition.backoff(), last::set);
		BackOffContext backOff = policy.start(null);
		for (int i = 0; i < retry; i++) {
			policy.backOff(backOff);
		}
		return Duration.ofMillis(last.get());
	}

}
