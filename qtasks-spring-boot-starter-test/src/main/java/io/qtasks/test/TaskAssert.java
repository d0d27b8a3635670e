package io.qtasks.test;

import java.util.Objects;

import org.assertj.core.api.AbstractObjectAssert;
import org.assertj.core.api.Assertions;
import org.assertj.core.api.ObjectAssert;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.util.ClassUtils;

import io.qtasks.Task;
import io.qtasks.TaskStatus;

/**
 * AssertJ assertions on a {@link Task} record, obtained through
 * {@link QTasksAssertions#assertThat(Task)}. A failed assertion shows the record's status
 * with its traceback or cancel reason, so the test says why the task did not do what was
 * expected.
 *
 * @author QTasks contributors
 */
public class TaskAssert extends AbstractObjectAssert<TaskAssert, Task> {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	/**
	 * Creates the assertions.
	 * @param actual the record
	 */
	public TaskAssert(Task actual) {
		super(actual, TaskAssert.class);
	}

	/**
	 * The task is in the given status.
	 * @param status the status
	 * @return this
	 */
	public TaskAssert hasStatus(TaskStatus status) {
		isNotNull();
		if (this.actual.status() != status) {
			failWithMessage("Expected task %s (%s) to be in status <%s> but was <%s>%s", this.actual.uuid(),
					this.actual.taskName(), status.value(), this.actual.status().value(), why());
		}
		return this;
	}

	/**
	 * The task ended in {@code success}.
	 * @return this
	 */
	public TaskAssert succeeded() {
		return hasStatus(TaskStatus.SUCCESS);
	}

	/**
	 * The task returned the value: compared as JSON, as the record stores it, so
	 * {@code hasReturning(20)} holds for a task that returned {@code 20L},
	 * {@code hasReturning(new BigDecimal("0.92"))} for one that returned {@code 0.92},
	 * and a record compares with a map of its components.
	 * @param expected the value
	 * @return this
	 */
	public TaskAssert hasReturning(@Nullable Object expected) {
		isNotNull();
		JsonNode actualValue = asJson(this.actual.returning());
		JsonNode expectedValue = asJson(expected);
		if (!Objects.equals(actualValue, expectedValue)) {
			failWithMessage("Expected task %s (%s) to have returned <%s> but it returned <%s> (status <%s>)%s",
					this.actual.uuid(), this.actual.taskName(), expectedValue, actualValue,
					this.actual.status().value(), why());
		}
		return this;
	}

	/**
	 * Assertions on the returned value, read as the given type (a record, say).
	 * @param <T> the type
	 * @param type the type
	 * @return the assertions on the value
	 */
	public <T> ObjectAssert<T> returning(Class<T> type) {
		isNotNull();
		return Assertions.assertThat(JSON.convertValue(this.actual.returning(), type));
	}

	/**
	 * The task ended in {@code error} with the given exception, or a subclass of it, as
	 * the outermost failure of its traceback.
	 * @param type the exception type
	 * @return this
	 */
	public TaskAssert failedWith(Class<? extends Throwable> type) {
		hasStatus(TaskStatus.ERROR);
		String failure = failureClassName();
		if (failure == null || !isOfType(failure, type)) {
			failWithMessage("Expected task %s (%s) to have failed with <%s> but it failed with <%s>; traceback:%n%s",
					this.actual.uuid(), this.actual.taskName(), type.getName(), failure, this.actual.traceback());
		}
		return this;
	}

	/**
	 * The task's traceback contains the text (such as the failure's message).
	 * @param text the text
	 * @return this
	 */
	public TaskAssert hasTracebackContaining(String text) {
		isNotNull();
		String traceback = this.actual.traceback();
		if (traceback == null || !traceback.contains(text)) {
			failWithMessage("Expected the traceback of task %s (%s) to contain <%s> but it was:%n%s",
					this.actual.uuid(), this.actual.taskName(), text, traceback);
		}
		return this;
	}

	/**
	 * The task ended in {@code cancel} with the given reason.
	 * @param reason the cancel reason
	 * @return this
	 */
	public TaskAssert wasCancelledBecause(String reason) {
		hasStatus(TaskStatus.CANCEL);
		if (!reason.equals(this.actual.cancelReason())) {
			failWithMessage("Expected task %s (%s) to have been cancelled because <%s> but the reason was <%s>",
					this.actual.uuid(), this.actual.taskName(), reason, this.actual.cancelReason());
		}
		return this;
	}

	/**
	 * The task took this many attempts (the first run and its retries).
	 * @param attempts the number of attempts
	 * @return this
	 */
	public TaskAssert tookAttempts(int attempts) {
		isNotNull();
		if (this.actual.attempt() != attempts) {
			failWithMessage("Expected task %s (%s) to have taken <%d> attempt(s) but it took <%d> (status <%s>)%s",
					this.actual.uuid(), this.actual.taskName(), attempts, this.actual.attempt(),
					this.actual.status().value(), why());
		}
		return this;
	}

	private String why() {
		if (this.actual.traceback() != null) {
			return "; traceback:\n" + this.actual.traceback();
		}
		if (this.actual.cancelReason() != null) {
			return "; cancel reason: " + this.actual.cancelReason();
		}
		return "";
	}

	/**
	 * The class name on the traceback's first line ({@code java.io.IOException: disk
	 * full}).
	 */
	private @Nullable String failureClassName() {
		String traceback = this.actual.traceback();
		if (traceback == null || traceback.isBlank()) {
			return null;
		}
		String firstLine = traceback.strip().lines().findFirst().orElse("");
		int end = 0;
		while (end < firstLine.length() && firstLine.charAt(end) != ':'
				&& !Character.isWhitespace(firstLine.charAt(end))) {
			end++;
		}
		return firstLine.substring(0, end);
	}

	private static boolean isOfType(String className, Class<? extends Throwable> type) {
		if (className.equals(type.getName())) {
			return true;
		}
		try {
			return type.isAssignableFrom(ClassUtils.forName(className, type.getClassLoader()));
		}
		catch (ClassNotFoundException | LinkageError ex) {
			return false;
		}
	}

	/**
	 * The value as a JSON tree read back from its text, so that numbers compare by their
	 * JSON form whatever Java type holds them.
	 */
	private static JsonNode asJson(@Nullable Object value) {
		return JSON.readTree(JSON.writeValueAsString(value));
	}

}
