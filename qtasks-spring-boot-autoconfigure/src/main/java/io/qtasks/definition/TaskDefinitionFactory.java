package io.qtasks.definition;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;

import org.jspecify.annotations.Nullable;

import org.springframework.aop.support.AopUtils;
import org.springframework.beans.BeansException;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.boot.convert.DurationStyle;
import org.springframework.core.DefaultParameterNameDiscoverer;
import org.springframework.core.ParameterNameDiscoverer;
import org.springframework.retry.RetryPolicy;
import org.springframework.util.ReflectionUtils;
import org.springframework.util.StringUtils;

import io.qtasks.GenerateHandler;
import io.qtasks.TaskContext;
import io.qtasks.TaskDecoder;
import io.qtasks.TaskSelf;
import io.qtasks.annotation.Backoff;
import io.qtasks.annotation.QTask;
import io.qtasks.engine.spi.RateLimit;
import io.qtasks.engine.spi.TaskLimits;
import io.qtasks.json.TaskJsonMapper;
import io.qtasks.middleware.TaskMiddleware;

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

	private final ConfigurableListableBeanFactory beanFactory;

	private final TaskDefaults defaults;

	private final TaskDecoder defaultDecoder;

	private final TaskJsonMapper json;

	private final ParameterNameDiscoverer parameterNames = new DefaultParameterNameDiscoverer();

	private final Map<Class<?>, Object> createdComponents = new ConcurrentHashMap<>();

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
		this.beanFactory = beanFactory;
		this.defaults = defaults;
		this.defaultDecoder = defaultDecoder;
		this.json = json;
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
		List<TaskParameter> parameters = parameters(method, annotation.echo(), where);
		String name = StringUtils.hasLength(annotation.name()) ? annotation.name() : method.getName();
		int priority = (annotation.priority() != QTask.DEFAULT_PRIORITY) ? annotation.priority()
				: this.defaults.priority();
		int retry = (annotation.retry() != QTask.DEFAULT_RETRY) ? annotation.retry() : this.defaults.retry();
		if (retry < 0) {
			throw new TaskDefinitionException(where + ": retry must be 0 or more, was " + retry);
		}
		TaskDecoder decoder = (annotation.decode() != TaskDecoder.class) ? component(annotation.decode(), where)
				: this.defaultDecoder;
		GenerateHandler generateHandler = (annotation.generateHandler() != GenerateHandler.class)
				? component(annotation.generateHandler(), where) : null;
		return new TaskDefinition(name, annotation.description(), List.of(annotation.tags()), priority, retry,
				List.of(annotation.retryOn()), backoff(annotation.backoff(), where),
				retryPolicy(annotation.retryPolicy(), where), async(annotation.async(), method, where),
				annotation.echo(), decoder, generateHandler, executor(annotation.executor(), where),
				middlewares(annotation.middlewaresBefore(), where), middlewares(annotation.middlewaresAfter(), where),
				timeout(annotation.timeout(), where), extra(annotation.extra(), where), bean, invocable, parameters,
				TaskQueues.checked(annotation.queue(), where), limits(annotation, where), schedule(annotation, where));
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

	private @Nullable ScheduleSpec schedule(QTask annotation, String where) {
		boolean cron = StringUtils.hasText(annotation.cron());
		boolean fixedRate = StringUtils.hasText(annotation.fixedRate());
		if (!cron && !fixedRate) {
			for (String attribute : new String[] { annotation.zone(), annotation.args() }) {
				if (StringUtils.hasText(attribute)) {
					throw new TaskDefinitionException(
							where + ": zone and args apply to a schedule; set cron or fixedRate too");
				}
			}
			return null;
		}
		if (cron && fixedRate) {
			throw new TaskDefinitionException(where + ": set either cron or fixedRate, not both");
		}
		Object arguments = scheduleArgs(annotation.args(), where);
		List<Object> args = (arguments instanceof List<?> list) ? new ArrayList<>(list) : List.of();
		Map<String, Object> kwargs = new LinkedHashMap<>();
		if (arguments instanceof Map<?, ?> map) {
			map.forEach((key, value) -> kwargs.put(String.valueOf(key), value));
		}
		if (fixedRate) {
			Duration rate = duration(annotation.fixedRate(), "fixedRate", where, null);
			if (rate == null || rate.toMillis() < 1) {
				throw new TaskDefinitionException(
						where + ": fixedRate must be at least 1ms, was '" + annotation.fixedRate() + "'");
			}
			if (StringUtils.hasText(annotation.zone())) {
				throw new TaskDefinitionException(where + ": zone applies to cron, not to fixedRate");
			}
			return ScheduleSpec.fixedRate(rate, args, kwargs, annotation.misfire());
		}
		try {
			return ScheduleSpec.cron(annotation.cron(), zone(annotation.zone(), where), args, kwargs,
					annotation.misfire());
		}
		catch (IllegalArgumentException ex) {
			throw new TaskDefinitionException(where + ": cron '" + annotation.cron() + "' is not a cron expression"
					+ " (six fields, seconds first, such as \"0 0 3 * * *\", or a macro such as \"@daily\"): "
					+ ex.getMessage(), ex);
		}
	}

	private static @Nullable ZoneId zone(String zone, String where) {
		if (!StringUtils.hasText(zone)) {
			return null;
		}
		try {
			return ZoneId.of(zone.trim());
		}
		catch (DateTimeException ex) {
			throw new TaskDefinitionException(
					where + ": zone '" + zone + "' is not a time zone id such as" + " \"Europe/Paris\" or \"UTC\"", ex);
		}
	}

	private @Nullable Object scheduleArgs(String args, String where) {
		if (!StringUtils.hasText(args)) {
			return null;
		}
		Object parsed;
		try {
			parsed = this.json.getMapper().readValue(args, Object.class);
		}
		catch (RuntimeException ex) {
			throw new TaskDefinitionException(where + ": args '" + args + "' is not JSON text: " + ex.getMessage(), ex);
		}
		if (!(parsed instanceof List) && !(parsed instanceof Map)) {
			throw new TaskDefinitionException(where + ": args must be a JSON array (positional arguments) or object"
					+ " (named arguments), was '" + args + "'");
		}
		return parsed;
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

	private List<TaskParameter> parameters(Method method, boolean echo, String where) {
		String[] names = this.parameterNames.getParameterNames(method);
		List<TaskParameter> parameters = new ArrayList<>();
		boolean hasSelf = false;
		for (int i = 0; i < method.getParameterCount(); i++) {
			Class<?> type = method.getParameterTypes()[i];
			String name = (names != null) ? names[i] : null;
			if (type == TaskSelf.class) {
				if (!echo) {
					throw new TaskDefinitionException(
							where + " declares a TaskSelf parameter, which is only passed with echo = true");
				}
				if (hasSelf) {
					throw new TaskDefinitionException(where + " declares more than one TaskSelf parameter");
				}
				hasSelf = true;
				parameters.add(new TaskParameter(i, (name != null) ? name : "self", type, TaskParameter.Kind.SELF));
			}
			else if (type == TaskContext.class) {
				parameters.add(new TaskParameter(i, (name != null) ? name : "ctx", type, TaskParameter.Kind.CONTEXT));
			}
			else {
				if (name == null) {
					throw new TaskDefinitionException(where + " has no parameter names at run time; compile with"
							+ " -parameters so arguments can be bound by name");
				}
				TaskParameter parameter = new TaskParameter(i, name, method.getGenericParameterTypes()[i],
						TaskParameter.Kind.VALUE);
				refuseClassNameTyping(parameter, where);
				parameters.add(parameter);
			}
		}
		if (echo && !hasSelf) {
			throw new TaskDefinitionException(
					where + " sets echo = true but declares no parameter of type io.qtasks.TaskSelf");
		}
		return parameters;
	}

	private void refuseClassNameTyping(TaskParameter parameter, String where) {
		this.json.findClassNameTyping(parameter.type()).ifPresent((place) -> {
			throw new TaskDefinitionException(where + ": parameter '" + parameter.describe() + "' has a type whose JSON"
					+ " names the Java class to create (" + place + "), so a task's payload could pick any class on"
					+ " the class path to instantiate. Use logical type names instead: @JsonTypeInfo(use = Id.NAME)"
					+ " with @JsonSubTypes");
		});
	}

	private String executor(String beanName, String where) {
		return checkNamedBean(beanName, Executor.class, "executor", where) ? beanName : "";
	}

	private List<TaskMiddleware> middlewares(Class<? extends TaskMiddleware>[] types, String where) {
		return Arrays.stream(types).<TaskMiddleware>map((type) -> component(type, where)).toList();
	}

	private @Nullable RetryPolicy retryPolicy(String beanName, String where) {
		return checkNamedBean(beanName, RetryPolicy.class, "retry policy", where)
				? this.beanFactory.getBean(beanName, RetryPolicy.class) : null;
	}

	private boolean checkNamedBean(String beanName, Class<?> type, String role, String where) {
		if (!StringUtils.hasText(beanName)) {
			return false;
		}
		if (!this.beanFactory.containsBean(beanName)) {
			throw new TaskDefinitionException(
					where + " names " + role + " '" + beanName + "', but no bean has that name");
		}
		if (!this.beanFactory.isTypeMatch(beanName, type)) {
			throw new TaskDefinitionException(
					where + " names " + role + " '" + beanName + "', but that bean is not a " + type.getName());
		}
		return true;
	}

	private TaskBackoff backoff(Backoff annotation, String where) {
		TaskBackoff defaults = this.defaults.backoff();
		Duration delay = duration(annotation.delay(), "backoff delay", where, defaults.delay());
		double multiplier = (annotation.multiplier() != Backoff.DEFAULT_MULTIPLIER) ? annotation.multiplier()
				: defaults.multiplier();
		Duration maxDelay = duration(annotation.maxDelay(), "backoff maxDelay", where, defaults.maxDelay());
		Duration jitter = duration(annotation.jitter(), "backoff jitter", where, defaults.jitter());
		if (!(multiplier >= 1.0)) {
			throw new TaskDefinitionException(where + ": backoff multiplier must be at least 1, was " + multiplier);
		}
		if (delay.isNegative() || jitter.isNegative()) {
			throw new TaskDefinitionException(where + ": backoff delay and jitter must not be negative");
		}
		return new TaskBackoff(delay, multiplier, maxDelay, jitter);
	}

	private @Nullable Duration timeout(String value, String where) {
		Duration timeout = duration(value, "timeout", where, this.defaults.timeout());
		if (timeout != null && (timeout.isNegative() || timeout.isZero())) {
			throw new TaskDefinitionException(where + ": timeout must be positive, was '" + timeout + "'");
		}
		return timeout;
	}

	private @Nullable Duration duration(String value, String attribute, String where, @Nullable Duration defaultValue) {
		if (!StringUtils.hasText(value)) {
			return defaultValue;
		}
		try {
			return DurationStyle.detectAndParse(value.trim());
		}
		catch (IllegalArgumentException ex) {
			throw new TaskDefinitionException(
					where + ": " + attribute + " '" + value + "' is not a duration such as \"30s\" or \"PT2M\"", ex);
		}
	}

	private Map<String, String> extra(String[] entries, String where) {
		Map<String, String> extra = new LinkedHashMap<>();
		for (String entry : entries) {
			int separator = entry.indexOf('=');
			if (separator < 1) {
				throw new TaskDefinitionException(where + ": extra entry '" + entry + "' is not of the form key=value");
			}
			extra.put(entry.substring(0, separator).trim(), entry.substring(separator + 1).trim());
		}
		return extra;
	}

	@SuppressWarnings("unchecked")
	private <T> T component(Class<T> type, String where) {
		try {
			T bean = this.beanFactory.getBeanProvider(type).getIfAvailable();
			if (bean != null) {
				return bean;
			}
			return (T) this.createdComponents.computeIfAbsent(type, this.beanFactory::createBean);
		}
		catch (BeansException ex) {
			throw new TaskDefinitionException(where + ": cannot obtain a " + type.getName() + ": " + ex.getMessage(),
					ex);
		}
	}

}
