package io.qtasks;

import org.jspecify.annotations.Nullable;

/**
 * Handles each element produced by a generator task (one returning a {@code Stream},
 * {@code Iterator} or {@code Iterable}); the handled values are collected into the list
 * that becomes the task's result. QTasks' {@code generate_handler}.
 *
 * @author QTasks contributors
 */
@FunctionalInterface
public interface GenerateHandler {

	/**
	 * Handles one produced element.
	 * @param value the element
	 * @return what to collect in its place
	 */
	@Nullable Object handle(@Nullable Object value);

}
