package io.qtasks.definition;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;

import org.jspecify.annotations.Nullable;

import org.springframework.beans.BeansException;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.retry.RetryPolicy;
import org.springframework.util.StringUtils;

import io.qtasks.middleware.TaskMiddleware;

/**
 * Obtains what {@code @QTask} attributes name: the beans named by {@code executor} and
 * {@code retryPolicy}, checked to exist with the right type, and the components named by
 * class ({@code decode}, {@code generateHandler}, middlewares), a bean of that type when
 * there is one, else one created once per class.
 *
 * @author QTasks contributors
 */
final class AttributeBeans {

	private final ConfigurableListableBeanFactory beanFactory;

	private final Map<Class<?>, Object> createdComponents = new ConcurrentHashMap<>();

	AttributeBeans(ConfigurableListableBeanFactory beanFactory) {
		this.beanFactory = beanFactory;
	}

	String executor(String beanName, String where) {
		return checkNamedBean(beanName, Executor.class, "executor", where) ? beanName : "";
	}

	List<TaskMiddleware> middlewares(Class<? extends TaskMiddleware>[] types, String where) {
		return Arrays.stream(types).<TaskMiddleware>map((type) -> component(type, where)).toList();
	}

	@Nullable RetryPolicy retryPolicy(String beanName, String where) {
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

	@SuppressWarnings("unchecked")
	<T> T component(Class<T> type, String where) {
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
