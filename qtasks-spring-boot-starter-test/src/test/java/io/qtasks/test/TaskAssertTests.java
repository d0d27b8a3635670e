package io.qtasks.test;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.qtasks.Task;
import io.qtasks.TaskStatus;

import static io.qtasks.test.QTasksAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The assertions of {@link TaskAssert}: what they accept, and that a failed one says why
 * the task did not do what was expected.
 *
 * @author QTasks contributors
 */
class TaskAssertTests {

	@Test
	void succeededAndReturningCompareAsJson() {
		assertThat(task(TaskStatus.SUCCESS).returning(20L).build()).succeeded().hasReturning(20);
		assertThat(task(TaskStatus.SUCCESS).returning(0.92).build()).hasReturning(new BigDecimal("0.92"));
		assertThat(task(TaskStatus.SUCCESS).returning(Map.of("a", List.of(1, 2))).build())
			.hasReturning(Map.of("a", List.of(1L, 2L)));
		assertThat(task(TaskStatus.SUCCESS).build()).hasReturning(null);
	}

	@Test
	void aFailedTaskIsNotSucceededAndTheMessageShowsItsTraceback() {
		Task failed = task(TaskStatus.ERROR).traceback("java.io.IOException: disk full\n\tat Foo.bar(Foo.java:1)\n")
			.build();
		assertThatExceptionOfType(AssertionError.class).isThrownBy(() -> assertThat(failed).succeeded())
			.withMessageContaining("to be in status <success> but was <error>")
			.withMessageContaining("java.io.IOException: disk full");
	}

	@Test
	void failedWithMatchesTheTypeAndItsSubclasses() {
		Task failed = task(TaskStatus.ERROR).traceback(FileNotFoundException.class.getName() + ": gone\n\tat X.y()\n")
			.build();
		assertThat(failed).failedWith(FileNotFoundException.class).failedWith(IOException.class);
		assertThatExceptionOfType(AssertionError.class)
			.isThrownBy(() -> assertThat(failed).failedWith(IllegalStateException.class))
			.withMessageContaining("to have failed with <java.lang.IllegalStateException> but it failed with"
					+ " <java.io.FileNotFoundException>");
		Task unknownClass = task(TaskStatus.ERROR).traceback("com.example.GoneException: x").build();
		assertThatExceptionOfType(AssertionError.class)
			.isThrownBy(() -> assertThat(unknownClass).failedWith(IOException.class));
	}

	@Test
	void wasCancelledBecauseNeedsTheStatusAndTheReason() {
		Task cancelled = task(TaskStatus.CANCEL).cancelReason("Test task canceled").build();
		assertThat(cancelled).wasCancelledBecause("Test task canceled");
		assertThatExceptionOfType(AssertionError.class)
			.isThrownBy(() -> assertThat(cancelled).wasCancelledBecause("something else"))
			.withMessageContaining("because <something else> but the reason was <Test task canceled>");
		assertThatExceptionOfType(AssertionError.class)
			.isThrownBy(() -> assertThat(task(TaskStatus.SUCCESS).build()).wasCancelledBecause("Test task canceled"))
			.withMessageContaining("but was <success>");
	}

	@Test
	void tookAttemptsCountsTheRuns() {
		Task retried = task(TaskStatus.SUCCESS).attempt(2).retry(3).build();
		assertThat(retried).tookAttempts(2);
		assertThatExceptionOfType(AssertionError.class).isThrownBy(() -> assertThat(retried).tookAttempts(1))
			.withMessageContaining("to have taken <1> attempt(s) but it took <2>");
	}

	@Test
	void aDifferentResultIsShownAsJson() {
		assertThatExceptionOfType(AssertionError.class)
			.isThrownBy(() -> assertThat(task(TaskStatus.SUCCESS).returning(19).build()).hasReturning(20))
			.withMessageContaining("to have returned <20> but it returned <19>");
	}

	private static Task.Builder task(TaskStatus status) {
		return Task.builder(UUID.randomUUID(), "some_task").status(status);
	}

}
