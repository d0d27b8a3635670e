package io.qtasks.test.app;

import java.io.IOException;
import java.util.List;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;

import io.qtasks.QTasks;
import io.qtasks.Task;
import io.qtasks.test.app.InvoiceTasks.Line;

import io.qtasks.test.QTasksTest;
import io.qtasks.test.TaskRecorder;

import static io.qtasks.test.QTasksAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tasks tested inline: {@code add()} runs the task on the test's thread and returns the
 * finished record, retries without waiting for their ten-minute backoff.
 *
 * @author QTasks contributors
 */
@QTasksTest(tasks = { EmailTasks.class, InvoiceTasks.class })
class EmailTasksTests {

	@Autowired
	private QTasks qtasks;

	@Autowired
	private TaskRecorder recorder;

	@Autowired
	private AuditMiddleware audit;

	@Test
	void aTaskRunsInlineAndReturnsItsResult() {
		Task task = this.qtasks.addTask("count_words", "the quick brown fox");
		assertThat(task).succeeded().hasReturning(4).tookAttempts(1);
		assertThat(this.recorder.enqueued("count_words")).hasSize(1);
		assertThat(this.audit.ran()).contains("count_words");
	}

	@Test
	void retriesRunAtOnce() {
		Task task = this.qtasks.task("upload").args(1).add();
		assertThat(task).succeeded().hasReturning("uploaded").tookAttempts(2);
	}

	@Test
	void aFailureIsAssertedByItsExceptionType() {
		assertThat(this.qtasks.addTask("upload", 5)).failedWith(IOException.class)
			.hasTracebackContaining("Upload timed out (attempt 3)")
			.tookAttempts(3);
		// FileNotFoundException is an IOException
		assertThat(this.qtasks.addTask("read_template", "welcome")).failedWith(IOException.class)
			.hasTracebackContaining("No template welcome");
	}

	@Test
	void aTaskThatCancelsItself() {
		assertThat(this.qtasks.addTask("send_newsletter", 0)).wasCancelledBecause("no recipients");
	}

	@Test
	void typedArgumentsAndResults() {
		Task task = this.qtasks.addTask("total_invoice", List.of(new Line("pen", 150), new Line("ink", 300)));
		assertThat(task).succeeded().hasReturning(450L);
		assertThat(task).returning(Long.class).isEqualTo(450L);
		assertThat(this.recorder.enqueued("total_invoice").get(0).arg(0, Line[].class))
			.containsExactly(new Line("pen", 150), new Line("ink", 300));
		assertThat(this.qtasks.addTask("send_email", "ann@example.com", "Hi"))
			.hasReturning("sent 'Hi' to ann@example.com");
	}

}
