package io.qtasks.context;

/**
 * Looks up the components a task can reach through
 * {@link io.qtasks.TaskContext#getComponent(String)}.
 *
 * @author QTasks contributors
 */
@FunctionalInterface
public interface TaskComponents {

	/**
	 * Looks a component up.
	 * @param name {@code "broker"} (the queue), {@code "storage"} (the records),
	 * {@code "engine"}, {@code "worker"}, {@code "client"} or a bean name
	 * @return the component
	 * @throws org.springframework.beans.factory.NoSuchBeanDefinitionException when
	 * nothing has that name
	 */
	Object get(String name);

}
