package io.qtasks.definition;

import java.lang.reflect.Method;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Future;

import org.jspecify.annotations.Nullable;

import org.springframework.util.ClassUtils;

/**
 * Tells the task methods that return their value later: a {@code CompletionStage} (such
 * as a {@code CompletableFuture}), a {@code Future}, or a Reactor {@code Mono} when
 * Reactor is on the class path.
 *
 * @author QTasks contributors
 */
public final class AsyncMethods {

	private static final @Nullable Class<?> MONO = monoClass();

	private AsyncMethods() {
	}

	/**
	 * Whether a method returns a value that is produced later.
	 * @param method the method
	 * @return the flag
	 */
	public static boolean returnsValueLater(Method method) {
		Class<?> type = method.getReturnType();
		return CompletionStage.class.isAssignableFrom(type) || Future.class.isAssignableFrom(type)
				|| (MONO != null && MONO.isAssignableFrom(type));
	}

	private static @Nullable Class<?> monoClass() {
		ClassLoader classLoader = AsyncMethods.class.getClassLoader();
		String name = "reactor.core.publisher.Mono";
		return ClassUtils.isPresent(name, classLoader) ? ClassUtils.resolveClassName(name, classLoader) : null;
	}

}
