package io.qtasks.invocation;

/**
 * Told about the elements a generator task produces, as they are produced, so that the
 * worker can show progress on the task's record and stop a cancelled run between two
 * elements.
 *
 * @author QTasks contributors
 */
@FunctionalInterface
public interface TaskProgress {

	/**
	 * Ignores progress.
	 */
	TaskProgress NONE = (count) -> {
	};

	/**
	 * Called after each element has been produced and handled.
	 * @param count the number of elements produced so far in this attempt
	 */
	void produced(int count);

}
