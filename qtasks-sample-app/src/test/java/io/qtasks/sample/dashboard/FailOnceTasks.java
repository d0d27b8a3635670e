package io.qtasks.sample.dashboard;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import io.qtasks.annotation.QTask;

/**
 * A task that fails the first time it runs for a file and succeeds when it runs again, so
 * that a requeued task's new run shows in its record.
 *
 * @author QTasks contributors
 */
public class FailOnceTasks {

	private final Set<String> tried = ConcurrentHashMap.newKeySet();

	@QTask(name = "import_file", retry = 0)
	public String importFile(String file) {
		if (this.tried.add(file)) {
			throw new IllegalStateException("The share holding " + file + " is not mounted yet");
		}
		return "imported " + file;
	}

}
