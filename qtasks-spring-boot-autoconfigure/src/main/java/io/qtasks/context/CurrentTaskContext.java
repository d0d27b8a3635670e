package io.qtasks.context;

import org.springframework.aop.TargetSource;
import org.springframework.aop.framework.ProxyFactory;

import io.qtasks.TaskContext;

/**
 * The scoped proxy of {@link TaskContext}: every call goes to the context of the task
 * running on the calling thread, and fails with an {@link IllegalStateException} that
 * says so outside a task. (Spring's generic scoped proxy would wrap that exception in a
 * {@code ScopeNotActiveException} suggesting a scoped proxy, which is misleading here.)
 *
 * @author QTasks contributors
 */
public final class CurrentTaskContext implements TargetSource {

	private CurrentTaskContext() {
	}

	/**
	 * Creates the proxy.
	 * @return a {@link TaskContext} that resolves to the current run's context
	 */
	public static TaskContext proxy() {
		ProxyFactory factory = new ProxyFactory();
		factory.setTargetSource(new CurrentTaskContext());
		factory.addInterface(TaskContext.class);
		return (TaskContext) factory.getProxy(CurrentTaskContext.class.getClassLoader());
	}

	@Override
	public Class<?> getTargetClass() {
		return TaskContext.class;
	}

	@Override
	public boolean isStatic() {
		return false;
	}

	@Override
	public Object getTarget() {
		return TaskContextHolder.currentContext();
	}

	@Override
	public void releaseTarget(Object target) {
	}

}
