package io.qtasks.test;

import java.util.ArrayList;
import java.util.List;

import org.jspecify.annotations.Nullable;

import io.qtasks.Task;
import io.qtasks.TaskStatus;
import io.qtasks.engine.TaskRecordListener;
import io.qtasks.json.TaskJsonMapper;

/**
 * Records every task this application enqueues, for tests of code that enqueues. With
 * {@code @QTasksTest(runTasks = false)} the tasks stay queued, so the test sees what was
 * asked without running it:
 *
 * <pre class="code">
 * signups.signUp("ann&#64;example.com");
 * assertThat(recorder.enqueued("send_email")).singleElement()
 *     .satisfies((email) -&gt; assertThat(email.args()).containsExactly("ann&#64;example.com", "Welcome"));
 * </pre>
 * <p>
 * A bean of every {@link QTasksTest} and of any {@code @SpringBootTest} with this module
 * on the class path; emptied before each test method.
 *
 * @author QTasks contributors
 */
public class TaskRecorder implements TaskRecordListener {

	private final TaskJsonMapper json;

	private final List<EnqueuedTask> enqueued = new ArrayList<>();

	/**
	 * Creates a recorder.
	 * @param json reads the recorded arguments as typed values
	 */
	public TaskRecorder(TaskJsonMapper json) {
		this.json = json;
	}

	@Override
	public void recorded(@Nullable Task previous, Task record) {
		if (previous == null && record.status() == TaskStatus.NEW) {
			synchronized (this.enqueued) {
				this.enqueued.add(new EnqueuedTask(record, this.json));
			}
		}
	}

	/**
	 * Every task enqueued since the test method started, in the order they were enqueued.
	 * @return the enqueued tasks
	 */
	public List<EnqueuedTask> enqueued() {
		synchronized (this.enqueued) {
			return List.copyOf(this.enqueued);
		}
	}

	/**
	 * The tasks of one name enqueued since the test method started, in the order they
	 * were enqueued.
	 * @param taskName the task name
	 * @return the enqueued tasks of that name
	 */
	public List<EnqueuedTask> enqueued(String taskName) {
		return enqueued().stream().filter((task) -> task.taskName().equals(taskName)).toList();
	}

	/**
	 * Forgets what was recorded.
	 */
	public void clear() {
		synchronized (this.enqueued) {
			this.enqueued.clear();
		}
	}

}
