package io.qtasks.retry;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.retry.RetryCallback;
import org.springframework.retry.RetryContext;
import org.springframework.retry.RetryListener;
import org.springframework.retry.RetryPolicy;
import org.springframework.retry.backoff.BackOffPolicy;
import org.springframework.retry.backoff.NoBackOffPolicy;
import org.springframework.retry.policy.SimpleRetryPolicy;
import org.springframework.retry.support.RetryTemplate;

import io.qtasks.definition.TaskDefinition;

/**
 * Builds (and keeps) the spring-retry {@link RetryTemplate} of each task. Its
 * {@link RetryPolicy} is the bean named by {@code retryPolicy}, or else built from
 * {@code retry} and {@code retryOn}: attempts = retry + 1; an exception is retried when
 * it is (a subclass of) a {@code retryOn} type, or any {@link Exception} when
 * {@code retryOn} is empty. Either way {@link TaskRetryPolicy} keeps cancellation,
 * timeouts and failures another attempt cannot fix from being retried. Its
 * {@link BackOffPolicy} is a {@link TaskBackOffPolicy} from the task's backoff settings.
 *
 * @author QTasks contributors
 */
public class TaskRetryTemplates {

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
		RetryPolicy policy = retryPolicy(definition);
		RetryTemplate template = new RetryTemplate();
		template.setRetryPolicy(policy);
		template.setBackOffPolicy(backOffPolicy(definition));
		template.setThrowLastExceptionOnExhausted(true);
		template.setListeners(this.listeners.toArray(RetryListener[]::new));
		template.registerListener(new RetryListener() {

			@Override
			public <T, E extends Throwable> void onError(RetryContext context, RetryCallback<T, E> callback,
					Throwable failure) {
				// The template asks the same question right after the listeners: a true
				// answer means the back-off and another attempt follow.
				if (callback instanceof TaskAttemptCallback<?> attempt && !context.isExhaustedOnly()
						&& policy.canRetry(context)) {
					attempt.retryScheduled(context.getRetryCount(), failure);
				}
			}

		});
		return template;
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

	private static BackOffPolicy backOffPolicy(TaskDefinition definition) {
		return definition.backoff().isNone() ? new NoBackOffPolicy() : new TaskBackOffPolicy(definition.backoff());
	}

}
