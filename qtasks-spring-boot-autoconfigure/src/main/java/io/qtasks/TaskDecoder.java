package io.qtasks;

import org.jspecify.annotations.Nullable;

/**
 * Turns a task's return value into what is stored as {@link Task#returning()}. The value
 * it returns is written as JSON with the application's Jackson mapper. QTasks'
 * {@code decode}.
 *
 * @author QTasks contributors
 */
@FunctionalInterface
public interface TaskDecoder {

	/**
	 * Decodes a result.
	 * @param result the value the task returned (after middlewares)
	 * @return the value to store
	 */
	@Nullable Object decode(@Nullable Object result);

}
