package io.qtasks.retry;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.retry.RetryCallback;
import org.springframework.retry.RetryContext;
import org.springframework.retry.RetryListener;
import org.springframework.retry.backoff.NoBackOffPolicy;
import org.springframework.retry.policy.SimpleRetryPolicy;
import org.springframework.retry.support.RetryTemplate;

import io.qtasks.TaskCancelledException;
import io.qtasks.broker.LeaseLostException;
import io.qtasks.context.TaskInterruptedException;
import io.qtasks.definition.TaskDefinition;
import io.qtasks.invocation.TaskArgumentException;
import io.qtasks.invocation.TaskResultException;

/**
 * Builds (and keeps) the spring-retry {@link RetryTemplate} of each task from its
 * {@code retry} and {@code retryOn}: attempts = retry + 1; an exception is retried when
 * it is (a subclass of) a {@code retryOn} type, or any exception when {@code retryOn} is
 * empty. Cancellation, interruption and failures that another attempt cannot fix (bad
 * arguments, an unstorable result) are never retried.
 *
 * @author QTasks contributors
 */
public class TaskRetryTemplates {

	private static final List<Class<? extends Throwable>> NEVER_RETRIED = List.of(TaskCancelledException.class,
			TaskInterruptedException.class, TaskArgumentException.class, TaskResultException.class,
			LeaseLostException.class);

	private final Map<String, RetryTemplate> templates = new ConcurrentHashMap<>();

	private final List<RetryListener> listeners;

	/**
	 * Creates the factory.
	 * @param listeners listeners added to every template
	 */
	public TaskRetryTemplates(List<RetryListener> listeners) {
		this.listeners = List.copyOf(listeners);
	}

	/**
	 * The template of a task.
	 * @param definition the task
	 * @return its template
	 */
	public RetryTemplate forTask(TaskDefinition definition) {
		return this.templates.computeIfAbsent(definition.name(), (name) -> create(definition));
	}

	private RetryTemplate create(TaskDefinition definition) {
		SimpleRetryPolicy policy = retryPolicy(definition);
		RetryTemplate template = new RetryTemplate();
		template.setRetryPolicy(policy);
		template.setBackOffPolicy(new NoBackOffPolicy());
		template.setThrowLastExceptionOnExhausted(true);
		template.setListeners(this.listeners.toArray(RetryListener[]::new));
		template.registerListener(new RetryListener() {

			@Override
			public <T, E extends Throwable> void onError(RetryContext context, RetryCallback<T, E> callback,
					Throwable failure) {
				if (callback instanceof TaskAttemptCallback<?> attempt && policy.canRetry(context)) {
					attempt.retryScheduled(context.getRetryCount(), failure);
				}
			}

		});
		return template;
	}

	/**
	 * The retry policy of a task.
	 * @param definition the task
	 * @return the policy
	 */
	public static SimpleRetryPolicy retryPolicy(TaskDefinition definition) {
		Map<Class<? extends Throwable>, Boolean> retryable = new LinkedHashMap<>();
		definition.retryOn().forEach((type) -> retryable.put(type, true));
		NEVER_RETRIED.forEach((type) -> retryable.put(type, false));
		return new SimpleRetryPolicy(definition.retry() + 1, retryable, false, definition.retryOn().isEmpty());
	}

}
