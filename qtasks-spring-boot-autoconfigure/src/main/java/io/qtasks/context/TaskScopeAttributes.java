package io.qtasks.context;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import io.qtasks.TaskContext;

/**
 * The scoped beans of one task run and their destruction callbacks.
 *
 * @author QTasks contributors
 */
final class TaskScopeAttributes {

	private static final Log logger = LogFactory.getLog(TaskScopeAttributes.class);

	private final TaskContext context;

	private final Map<String, Object> beans = new LinkedHashMap<>();

	private final Map<String, Runnable> destructionCallbacks = new LinkedHashMap<>();

	TaskScopeAttributes(TaskContext context) {
		this.context = context;
	}

	TaskContext context() {
		return this.context;
	}

	synchronized @Nullable Object get(String name) {
		return this.beans.get(name);
	}

	synchronized void put(String name, Object bean) {
		this.beans.put(name, bean);
	}

	synchronized @Nullable Object remove(String name) {
		this.destructionCallbacks.remove(name);
		return this.beans.remove(name);
	}

	synchronized void registerDestructionCallback(String name, Runnable callback) {
		this.destructionCallbacks.put(name, callback);
	}

	void destroy() {
		List<Runnable> callbacks;
		synchronized (this) {
			callbacks = new ArrayList<>(this.destructionCallbacks.values());
			this.destructionCallbacks.clear();
			this.beans.clear();
		}
		for (Runnable callback : callbacks) {
			try {
				callback.run();
			}
			catch (RuntimeException ex) {
				logger.warn("Destroying a task-scoped bean failed", ex);
			}
		}
	}

}
