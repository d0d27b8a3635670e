package io.qtasks.context;

import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.ObjectFactory;
import org.springframework.beans.factory.config.Scope;

/**
 * The {@code task} scope: one bean instance per task run, like request scope is one per
 * HTTP request. {@link io.qtasks.TaskContext} lives in it; other beans may too, with
 * {@code @Scope(value = "task", proxyMode = ScopedProxyMode.TARGET_CLASS)}. Outside a
 * task, access throws {@link IllegalStateException}.
 *
 * @author QTasks contributors
 */
public class TaskScope implements Scope {

	/**
	 * The scope's name.
	 */
	public static final String NAME = "task";

	@Override
	public Object get(String name, ObjectFactory<?> objectFactory) {
		TaskScopeAttributes attributes = TaskContextHolder.currentAttributes();
		Object bean = attributes.get(name);
		if (bean == null) {
			bean = objectFactory.getObject();
			attributes.put(name, bean);
		}
		return bean;
	}

	@Override
	public @Nullable Object remove(String name) {
		return TaskContextHolder.currentAttributes().remove(name);
	}

	@Override
	public void registerDestructionCallback(String name, Runnable callback) {
		TaskContextHolder.currentAttributes().registerDestructionCallback(name, callback);
	}

	@Override
	public @Nullable Object resolveContextualObject(String key) {
		return "taskContext".equals(key) ? TaskContextHolder.findContext().orElse(null) : null;
	}

	@Override
	public @Nullable String getConversationId() {
		return TaskContextHolder.findContext().map((context) -> context.taskUuid().toString()).orElse(null);
	}

}
