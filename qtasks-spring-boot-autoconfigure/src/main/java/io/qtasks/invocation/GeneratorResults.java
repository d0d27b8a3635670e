package io.qtasks.invocation;

import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.stream.BaseStream;

import io.qtasks.GenerateHandler;

/**
 * Collects the output of generator tasks: methods returning a {@code Stream},
 * {@code Iterator} or {@code Iterable}. Every element passes through the task's
 * {@link GenerateHandler} (when it has one) and the outputs become a list.
 *
 * @author QTasks contributors
 */
final class GeneratorResults {

	private GeneratorResults() {
	}

	static boolean isGenerator(Method method) {
		Class<?> type = method.getReturnType();
		return BaseStream.class.isAssignableFrom(type) || Iterator.class.isAssignableFrom(type)
				|| Iterable.class.isAssignableFrom(type);
	}

	static List<Object> collect(Object output, GenerateHandler handler) {
		if (output == null) {
			return null;
		}
		List<Object> results = new ArrayList<>();
		if (output instanceof BaseStream<?, ?> stream) {
			try (stream) {
				stream.iterator().forEachRemaining((element) -> results.add(handle(element, handler)));
			}
		}
		else {
			Iterator<?> iterator = (output instanceof Iterator<?> it) ? it : ((Iterable<?>) output).iterator();
			iterator.forEachRemaining((element) -> results.add(handle(element, handler)));
		}
		return results;
	}

	private static Object handle(Object element, GenerateHandler handler) {
		return (handler != null) ? handler.handle(element) : element;
	}

}
