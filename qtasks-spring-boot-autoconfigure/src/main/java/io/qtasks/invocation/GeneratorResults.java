package io.qtasks.invocation;

import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.stream.BaseStream;

import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;

import org.springframework.util.ClassUtils;

import io.qtasks.GenerateHandler;

/**
 * Collects the output of generator tasks: methods returning a {@code Stream},
 * {@code Iterator} or {@code Iterable}, or a Reactor {@code Flux} when Reactor is on the
 * class path. Every element passes through the task's {@link GenerateHandler} (when it
 * has one) and the outputs become a list.
 *
 * @author QTasks contributors
 */
final class GeneratorResults {

	private static final boolean REACTOR_PRESENT = ClassUtils.isPresent("reactor.core.publisher.Flux",
			GeneratorResults.class.getClassLoader());

	private GeneratorResults() {
	}

	static boolean isGenerator(Method method) {
		Class<?> type = method.getReturnType();
		return BaseStream.class.isAssignableFrom(type) || Iterator.class.isAssignableFrom(type)
				|| Iterable.class.isAssignableFrom(type) || (REACTOR_PRESENT && ReactorElements.isFlux(type));
	}

	static @Nullable List<Object> collect(@Nullable Object output, @Nullable GenerateHandler handler,
			TaskProgress progress) {
		if (output == null) {
			return null;
		}
		BaseStream<?, ?> stream = (REACTOR_PRESENT) ? ReactorElements.asStream(output) : null;
		if (stream == null && output instanceof BaseStream<?, ?> baseStream) {
			stream = baseStream;
		}
		if (stream != null) {
			try (BaseStream<?, ?> closed = stream) {
				return collect(closed.iterator(), handler, progress);
			}
		}
		return collect((output instanceof Iterator<?> it) ? it : ((Iterable<?>) output).iterator(), handler, progress);
	}

	private static List<Object> collect(Iterator<?> elements, @Nullable GenerateHandler handler,
			TaskProgress progress) {
		List<Object> results = new ArrayList<>();
		while (elements.hasNext()) {
			Object element = elements.next();
			results.add((handler != null) ? handler.handle(element) : element);
			progress.produced(results.size());
		}
		return results;
	}

	/**
	 * Keeps the Reactor types out of {@link GeneratorResults} so that it loads without
	 * Reactor.
	 */
	private static final class ReactorElements {

		static boolean isFlux(Class<?> type) {
			return Flux.class.isAssignableFrom(type);
		}

		static @Nullable BaseStream<?, ?> asStream(Object output) {
			// toStream() cancels the subscription when the stream is closed early
			return (output instanceof Flux<?> flux) ? flux.toStream() : null;
		}

	}

}
