package io.qtasks.invocation;

import org.jspecify.annotations.Nullable;

import org.springframework.util.unit.DataSize;

/**
 * How the invoker treats what a task returns.
 *
 * @param maxResultSize the largest JSON size of a task's result, or {@code null} for no
 * limit
 * @author QTasks contributors
 */
public record InvocationSettings(@Nullable DataSize maxResultSize) {

	/**
	 * The defaults: results up to 1 MB.
	 */
	public static final InvocationSettings DEFAULTS = new InvocationSettings(DataSize.ofMegabytes(1));

}
