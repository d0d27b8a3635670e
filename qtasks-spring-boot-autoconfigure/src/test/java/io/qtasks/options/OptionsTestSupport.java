package io.qtasks.options;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import io.qtasks.QTasks;
import io.qtasks.Task;
import io.qtasks.autoconfigure.QTasksAutoConfiguration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the option tests share: an application with QTasks on the in-memory broker, and
 * helpers to wait for and read task records.
 *
 * @author QTasks contributors
 */
final class OptionsTestSupport {

	static final Duration WAIT = Duration.ofSeconds(30);

	private OptionsTestSupport() {
	}

	/**
	 * An application with Jackson and QTasks, its own {@code qtasks.name} and a short
	 * shutdown timeout.
	 * @param name the application's name
	 * @return the runner
	 */
	static ApplicationContextRunner runner(String name) {
		return new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(JacksonAutoConfiguration.class, QTasksAutoConfiguration.class))
			.withPropertyValues("qtasks.name=" + name, "qtasks.worker.shutdown-timeout=2s");
	}

	/**
	 * Enqueues a task and waits for it to finish.
	 * @param qtasks the client
	 * @param taskName the task
	 * @param args its arguments
	 * @return the finished record
	 */
	static Task run(QTasks qtasks, String taskName, Object... args) {
		return finished(qtasks, qtasks.addTask(taskName, args).uuid());
	}

	/**
	 * Waits for a task to finish.
	 * @param qtasks the client
	 * @param uuid the task
	 * @return the finished record
	 */
	static Task finished(QTasks qtasks, UUID uuid) {
		Task task = qtasks.waitResult(uuid, WAIT)
			.orElseThrow(() -> new AssertionError(
					"Task " + uuid + " did not finish within " + WAIT + "; it is " + qtasks.get(uuid).orElse(null)));
		assertThat(task.isFinished()).isTrue();
		return task;
	}

	/**
	 * The {@code extra.attempts} entries of a record.
	 * @param task the record
	 * @return one map per attempt: attempt, startedAt, endedAt, error
	 */
	@SuppressWarnings("unchecked")
	static List<Map<String, Object>> attempts(Task task) {
		return (List<Map<String, Object>>) task.extra().get("attempts");
	}

	/**
	 * The pauses between consecutive attempts of a record: from one attempt's end to the
	 * next one's start.
	 * @param task the record
	 * @return the pauses, one fewer than the attempts
	 */
	static List<Duration> pauses(Task task) {
		List<Map<String, Object>> attempts = attempts(task);
		return java.util.stream.IntStream.range(1, attempts.size())
			.mapToObj((i) -> Duration.between(Instant.parse((String) attempts.get(i - 1).get("endedAt")),
					Instant.parse((String) attempts.get(i).get("startedAt"))))
			.toList();
	}

}
