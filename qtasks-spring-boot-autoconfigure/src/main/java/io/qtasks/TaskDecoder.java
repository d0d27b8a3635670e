package io.qtasks;

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
	Object decode(Object result);

}
