package io.qtasks.test.app;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;

import io.qtasks.QTasks;
import io.qtasks.TaskStatus;

import io.qtasks.test.QTasksTest;
import io.qtasks.test.TaskRecorder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * A service that enqueues, tested with the {@link TaskRecorder}: what it asked for is
 * recorded, and nothing runs.
 *
 * @author QTasks contributors
 */
@QTasksTest(tasks = EmailTasks.class, runTasks = false)
@Import(SignupService.class)
class SignupServiceTests {

	@Autowired
	private SignupService signups;

	@Autowired
	private TaskRecorder recorder;

	@Autowired
	private QTasks qtasks;

	@Test
	void signingUpEnqueuesAWelcomeEmail() {
		this.signups.signUp("ann@example.com");
		assertThat(this.recorder.enqueued("send_email")).singleElement().satisfies((email) -> {
			assertThat(email.args()).containsExactly("ann@example.com", "Welcome");
			assertThat(email.arg(1, String.class)).isEqualTo("Welcome");
			assertThat(email.priority()).isEqualTo(-1);
			assertThat(this.qtasks.get(email.uuid())).get()
				.extracting((task) -> task.status())
				.isEqualTo(TaskStatus.NEW);
		});
		assertThat(this.recorder.enqueued()).hasSize(1);
	}

	@Test
	void aBadAddressEnqueuesNothing() {
		assertThatIllegalArgumentException().isThrownBy(() -> this.signups.signUp("ann"));
		assertThat(this.recorder.enqueued()).isEmpty();
	}

	@Test
	void eachTestStartsWithAnEmptyRecorder() {
		// the other tests of this class enqueued in the same application context
		assertThat(this.recorder.enqueued()).isEmpty();
		this.signups.signUp("bob@example.com");
		this.signups.signUp("eve@example.com");
		assertThat(this.recorder.enqueued("send_email")).extracting((email) -> email.args().get(0))
			.containsExactly("bob@example.com", "eve@example.com");
		assertThat(this.recorder.enqueued("count_words")).isEmpty();
	}

}
