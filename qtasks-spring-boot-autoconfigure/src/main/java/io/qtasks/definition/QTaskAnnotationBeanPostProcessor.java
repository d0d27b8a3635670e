package io.qtasks.definition;

import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

import org.springframework.aop.framework.AopInfrastructureBean;
import org.springframework.aop.framework.AopProxyUtils;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.core.MethodIntrospector;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.core.annotation.AnnotationUtils;

import io.qtasks.annotation.QTask;

/**
 * Finds {@link QTask @QTask} methods on beans (proxied ones included) and registers their
 * definitions once all singletons exist, so that the beans named in attributes are
 * available. Beans created later (lazy or prototype) are registered as they appear.
 *
 * @author QTasks contributors
 */
public class QTaskAnnotationBeanPostProcessor implements BeanPostProcessor, SmartInitializingSingleton, Ordered {

	private final Supplier<TaskDefinitionFactory> factory;

	private final Supplier<TaskDefinitionRegistry> registry;

	private final Set<Class<?>> classesWithoutTasks = ConcurrentHashMap.newKeySet();

	private final List<DeclaredTask> declared = new ArrayList<>();

	private boolean singletonsReady;

	/**
	 * Creates a post-processor. The suppliers are called once the singletons exist, so
	 * that the post-processor itself can be created early.
	 * @param factory supplies the definition factory
	 * @param registry supplies the registry to fill
	 */
	public QTaskAnnotationBeanPostProcessor(Supplier<TaskDefinitionFactory> factory,
			Supplier<TaskDefinitionRegistry> registry) {
		this.factory = factory;
		this.registry = registry;
	}

	@Override
	public int getOrder() {
		return LOWEST_PRECEDENCE;
	}

	@Override
	public Object postProcessAfterInitialization(Object bean, String beanName) {
		if (bean instanceof AopInfrastructureBean) {
			return bean;
		}
		Class<?> targetClass = AopProxyUtils.ultimateTargetClass(bean);
		if (this.classesWithoutTasks.contains(targetClass)
				|| !AnnotationUtils.isCandidateClass(targetClass, QTask.class)) {
			return bean;
		}
		Map<Method, QTask> methods = MethodIntrospector.selectMethods(targetClass,
				(MethodIntrospector.MetadataLookup<QTask>) (method) -> AnnotatedElementUtils
					.findMergedAnnotation(method, QTask.class));
		if (methods.isEmpty()) {
			this.classesWithoutTasks.add(targetClass);
			return bean;
		}
		methods.forEach((method, annotation) -> declare(new DeclaredTask(bean, method, annotation)));
		return bean;
	}

	private void declare(DeclaredTask task) {
		synchronized (this.declared) {
			if (!this.singletonsReady) {
				this.declared.add(task);
				return;
			}
		}
		register(task);
	}

	@Override
	public void afterSingletonsInstantiated() {
		List<DeclaredTask> pending;
		synchronized (this.declared) {
			pending = new ArrayList<>(this.declared);
			this.declared.clear();
			this.singletonsReady = true;
		}
		pending.forEach(this::register);
	}

	private void register(DeclaredTask task) {
		this.registry.get().register(this.factory.get().create(task.bean(), task.method(), task.annotation()));
	}

	private record DeclaredTask(Object bean, Method method, QTask annotation) {

	}

}
