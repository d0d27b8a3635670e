package io.qtasks.definition;

import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.stream.Collectors;

import org.springframework.util.ClassUtils;

/**
 * Readable method descriptions for messages.
 *
 * @author QTasks contributors
 */
final class TaskMethods {

	private TaskMethods() {
	}

	static String describe(Method method) {
		String parameters = Arrays.stream(method.getParameterTypes())
			.map(Class::getSimpleName)
			.collect(Collectors.joining(", "));
		return ClassUtils.getQualifiedMethodName(method, ClassUtils.getUserClass(method.getDeclaringClass())) + "("
				+ parameters + ")";
	}

}
