package io.qtasks.definition;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.time.Duration;
import java.util.List;

import org.jspecify.annotations.Nullable;

import org.springframework.aop.support.AopUtils;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.util.ReflectionUtils;
import org.springframework.util.StringUtils;

import io.qtasks.GenerateHandler;
import io.qtasks.TaskDecoder;
import io.qtasks.annotation.Backoff;
import io.qtasks.annotation.QTask;
import io.qtasks.engine.spi.RateLimit;
import io.qtasks.engine.spi.TaskLimits;
import io.qtasks.json.TaskJsonMapper;

/**
 * Turns a {@code @QTask} method into a {@link TaskDefinition}: applies defaults, resolves
 * the classes named in attributes and rejects invalid declarations with a message that
 * names the method. Among them are parameters whose JSON would name the Java class to
 * create ({@code @JsonTypeInfo(use = CLASS)} somewhere in the type): whoever can enqueue
 * a task must not choose what the worker instantiates.
 *
 * @author QTasks contributors
 */
public class TaskDefinitionFactory {

	private final TaskDefaults defaults;

	private final TaskDecoder defaultDecoder;

	private final AttributeBeans beans;

	private final TaskMethodParameters parameters;

	private final ScheduleAttributes schedules;

	/**
	 * Creates a factory.
	 * @param beanFactory where named classes and executors are looked up
	 * @param defaults the values of unset attributes
	 * @param defaultDecoder the decoder of tasks that set none
	 * @param json the conversion that binds arguments to parameters, asked whether a
	 * parameter type would let the JSON name classes
	 */
	public TaskDefinitionFactory(ConfigurableListableBeanFactory beanFactory, TaskDefaults defaults,
			TaskDecoder defaultDecoder, TaskJsonMapper json) {
		this.defaults = defaults;
		this.defaultDecoder = defaultDecoder;
		this.beans = new AttributeBeans(beanFactory);
		this.parameters = new TaskMethodParameters(json);
		this.schedules = new ScheduleAttributes(json);
	}

	/**
	 * Creates the definition of one annotated method.
	 * @param bean the bean (possibly a proxy) that declares the method
	 * @param method the annotated method of the bean's target class
	 * @param annotation the merged annotation
	 * @return the definition
	 * @throws TaskDefinitionException when the declaration is invalid
	 */
	public TaskDefinition create(Object bean, Method method, QTask annotation) {
		String where = "@QTask method " + TaskMethods.describe(method);
		if (!Modifier.isPublic(method.getModifiers()) || Modifier.isStatic(method.getModifiers())) {
			throw new TaskDefinitionException(where + " must be a public instance method");
		}
		Method invocable = invocableMethod(bean, method, where);
		List<TaskParameter> parameters = this.parameters.parameters(method, annotation.echo(), where);
		String name = StringUtils.hasLength(annotation.name()) ? annotation.name() : method.getName();
		int priority = (annotation.priority() != QTask.DEFAULT_PRIORITY) ? annotation.priority()
				: this.defaults.priority();
		int retry = (annotation.retry() != QTask.DEFAULT_RETRY) ? annotation.retry() : this.defaults.retry();
		if (retry < 0) {
			throw new TaskDefinitionException(where + ": retry must be 0 or more, was " + retry);
		}
		TaskDecoder decoder = (annotation.decode() != TaskDecoder.class)
				? this.beans.component(annotation.decode(), where) : this.defaultDecoder;
		GenerateHandler generateHandler = (annotation.generateHandler() != GenerateHandler.class)
				? this.beans.component(annotation.generateHandler(), where) : null;
		return new TaskDefinition(name, annotation.description(), List.of(annotation.tags()), priority, retry,
				List.of(annotation.retryOn()), backoff(annotation.backoff(), where),
				this.beans.retryPolicy(annotation.retryPolicy(), where), async(annotation.async(), method, where),
				annotation.echo(), decoder, generateHandler, this.beans.executor(annotation.executor(), where),
				this.beans.middlewares(annotation.middlewaresBefore(), where),
				this.beans.middlewares(annotation.middlewaresAfter(), where), timeout(annotation.timeout(), where),
				AttributeValues.extra(annotation.extra(), where), bean, invocable, parameters,
				TaskQueues.checked(annotation.queue(), where), limits(annotation, where),
				this.schedules.schedule(annotation, where));
	}

	private static TaskLimits limits(QTask annotation, String where) {
		if (annotation.maxConcurrency() < 0) {
			throw new TaskDefinitionException(
					where + ": maxConcurrency must be 0 (no cap) or more, was " + annotation.maxConcurrency());
		}
		RateLimit rate = null;
		if (StringUtils.hasText(annotation.rateLimit())) {
			try {
				rate = RateLimit.parse(annotation.rateLimit());
			}
			catch (IllegalArgumentException ex) {
				throw new TaskDefinitionException(where + ": rateLimit " + ex.getMessage(), ex);
			}
		}
		return new TaskLimits(annotation.maxConcurrency(), rate);
	}

	private static boolean async(boolean async, Method method, String where) {
		if (async && !AsyncMethods.returnsValueLater(method)) {
			throw new TaskDefinitionException(where + ": async = true needs a method that returns its value later (a"
					+ " CompletableFuture, CompletionStage, Future or Mono), but it returns "
					+ method.getGenericReturnType().getTypeName());
		}
		return async;
	}

	private Method invocableMethod(Object bean, Method method, String where) {
		try {
			Method invocable = AopUtils.selectInvocableMethod(method, bean.getClass());
			// a public method of a package-private class is only reachable this way
			ReflectionUtils.makeAccessible(invocable);
			return invocable;
		}
		catch (IllegalStateException ex) {
			throw new TaskDefinitionException(where + " is not reachable through the bean's proxy; declare it on an"
					+ " interface the bean implements or use class-based proxies", ex);
		}
	}

	private TaskBackoff backoff(Backoff annotation, String where) {
		TaskBackoff defaults = this.defaults.backoff();
		Duration delay = AttributeValues.duration(annotation.delay(), "backoff delay", where, defaults.delay());
		double multiplier = (annotation.multiplier() != Backoff.DEFAULT_MULTIPLIER) ? annotation.multiplier()
				: defaults.multiplier();
		Duration maxDelay = AttributeValues.duration(annotation.maxDelay(), "backoff maxDelay", where,
				defaults.maxDelay());
		Duration jitter = AttributeValues.duration(annotation.jitter(), "backoff jitter", where, defaults.jitter());
		if (!(multiplier >= 1.0)) {
			throw new TaskDefinitionException(where + ": backoff multiplier must be at least 1, was " + multiplier);
		}
		if (delay.isNegative() || jitter.isNegative()) {
			throw new TaskDefinitionException(where + ": backoff delay and jitter must not be negative");
		}
		return new TaskBackoff(delay, multiplier, maxDelay, jitter);
	}

	private @Nullable Duration timeout(String value, String where) {
		Duration timeout = AttributeValues.duration(value, "timeout", where, this.defaults.timeout());
		if (timeout != null && (timeout.isNegative() || timeout.isZero())) {
			throw new TaskDefinitionException(where + ": timeout must be positive, was '" + timeout + "'");
		}
		return timeout;
	}

}
