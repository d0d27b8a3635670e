package io.qtasks.test;

import java.io.IOException;
import java.util.Set;

import org.springframework.boot.test.context.filter.annotation.StandardAnnotationCustomizableTypeExcludeFilter;
import org.springframework.core.type.classreading.MetadataReader;
import org.springframework.core.type.classreading.MetadataReaderFactory;

import io.qtasks.annotation.QTask;
import io.qtasks.middleware.TaskMiddleware;

/**
 * The components of a {@link QTasksTest}: the named task classes, or every component with
 * a {@code @QTask} method when none is named, and {@link TaskMiddleware}s.
 *
 * @author QTasks contributors
 */
final class QTasksTypeExcludeFilter extends StandardAnnotationCustomizableTypeExcludeFilter<QTasksTest> {

	private static final Set<Class<?>> KNOWN_INCLUDES = Set.of(TaskMiddleware.class);

	private final Set<Class<?>> tasks;

	QTasksTypeExcludeFilter(Class<?> testClass) {
		super(testClass);
		this.tasks = Set.of(getAnnotation().getValue("tasks", Class[].class).orElseGet(() -> new Class<?>[0]));
	}

	@Override
	protected Set<Class<?>> getKnownIncludes() {
		return KNOWN_INCLUDES;
	}

	@Override
	protected Set<Class<?>> getComponentIncludes() {
		return this.tasks;
	}

	@Override
	protected boolean defaultInclude(MetadataReader metadataReader, MetadataReaderFactory metadataReaderFactory)
			throws IOException {
		if (super.defaultInclude(metadataReader, metadataReaderFactory)) {
			return true;
		}
		return this.tasks.isEmpty()
				&& metadataReader.getAnnotationMetadata().hasAnnotatedMethods(QTask.class.getName());
	}

}
