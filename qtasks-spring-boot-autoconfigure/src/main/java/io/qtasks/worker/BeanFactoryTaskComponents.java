package io.qtasks.worker;

import org.springframework.beans.factory.BeanFactory;

import io.qtasks.QTasks;
import io.qtasks.broker.TaskBroker;
import io.qtasks.storage.TaskStorage;
import io.qtasks.context.TaskComponents;

/**
 * Resolves components from the application context: the well-known names by type, any
 * other name as a bean name.
 *
 * @author QTasks contributors
 */
public class BeanFactoryTaskComponents implements TaskComponents {

	private final BeanFactory beanFactory;

	/**
	 * Creates a lookup over a bean factory.
	 * @param beanFactory the bean factory
	 */
	public BeanFactoryTaskComponents(BeanFactory beanFactory) {
		this.beanFactory = beanFactory;
	}

	@Override
	public Object get(String name) {
		return switch (name) {
			case "broker" -> this.beanFactory.getBean(TaskBroker.class);
			case "storage" -> this.beanFactory.getBean(TaskStorage.class);
			case "worker" -> this.beanFactory.getBean(QTasksWorker.class);
			case "client" -> this.beanFactory.getBean(QTasks.class);
			default -> this.beanFactory.getBean(name);
		};
	}

}
