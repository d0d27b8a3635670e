package io.qtasks.test;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.springframework.boot.test.autoconfigure.TestSliceTestContextBootstrapper;

/**
 * Bootstraps a {@link QTasksTest}: the memory engine and the inline mode, then the test's
 * own {@link QTasksTest#properties() properties}.
 *
 * @author QTasks contributors
 */
class QTasksTestContextBootstrapper extends TestSliceTestContextBootstrapper<QTasksTest> {

	private static final List<String> SLICE_PROPERTIES = List.of("qtasks.broker.type=memory",
			"qtasks.worker.mode=inline");

	@Override
	protected String[] getProperties(Class<?> testClass) {
		List<String> properties = new ArrayList<>(SLICE_PROPERTIES);
		String[] own = super.getProperties(testClass);
		if (own != null) {
			properties.addAll(Arrays.asList(own));
		}
		return properties.toArray(String[]::new);
	}

}
