package io.qtasks.test;

import io.qtasks.Task;

/**
 * Entry point of the AssertJ assertions on task records:
 *
 * <pre class="code">
 * import static io.qtasks.test.QTasksAssertions.assertThat;
 *
 * assertThat(qtasks.addTask("add", 12, 8)).succeeded().hasReturning(20);
 * assertThat(task).failedWith(IOException.class).tookAttempts(2);
 * assertThat(task).wasCancelledBecause("Test task canceled");
 * </pre> It sits beside AssertJ's own {@code Assertions.assertThat}: both can be imported
 * statically, since the argument types differ.
 *
 * @author QTasks contributors
 */
public final class QTasksAssertions {

	private QTasksAssertions() {
	}

	/**
	 * Assertions on a task record.
	 * @param task the record, such as what {@code add()} returns in the inline mode
	 * @return the assertions
	 */
	public static TaskAssert assertThat(Task task) {
		return new TaskAssert(task);
	}

}
