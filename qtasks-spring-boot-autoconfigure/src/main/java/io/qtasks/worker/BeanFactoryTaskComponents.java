package io.qtasks.worker;

import org.springframework.beans.factory.BeanFactory;

import io.qtasks.QTasks;
import io.qtasks.context.TaskComponents;
import io.qtasks.engine.TaskEngine;
import io.qtasks.engine.spi.TaskQueue;
import io.qtasks.engine.spi.TaskRecordStore;

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
			case "broker" -> this.beanFactory.getBean(TaskQueue.class);
			case "storage" -> this.beanFactory.getBean(TaskRecordStore.class);
			case "engine" -> this.beanFactory.getBean(TaskEngine.class);
			case "worker" -> this.beanFactory.getBean(QTasksWorker.class);
			case "client" -> this.beanFactory.getBean(QTasks.class);
			default -> this.beanFactory.getBean(name);
		};
	}

}
