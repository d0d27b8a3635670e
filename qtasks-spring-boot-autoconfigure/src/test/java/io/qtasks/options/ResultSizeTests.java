package io.qtasks.options;

import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;

import io.qtasks.QTasks;
import io.qtasks.Task;
import io.qtasks.TaskStatus;
import io.qtasks.annotation.QTask;

import static io.qtasks.options.OptionsTestSupport.run;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.InstanceOfAssertFactories.LIST;

/**
 * {@code qtasks.max-result-size}: a task whose result, as JSON, is larger ends as
 * {@code error} without retries and without the result; smaller results are stored.
 *
 * @author QTasks contributors
 */
class ResultSizeTests {

	private final ApplicationContextRunner runner = OptionsTestSupport.runner("result-size-tests")
		.withUserConfiguration(ResultTasks.class);

	@Test
	void aResultLargerThanTheLimitEndsAsErrorNamingTaskSizeAndLimit() {
		this.runner.withPropertyValues("qtasks.max-result-size=1KB").run((context) -> {
			Task done = run(context.getBean(QTasks.class), "text", 2000);
			assertThat(done.status()).isEqualTo(TaskStatus.ERROR);
			assertThat(done.attempt()).as("not retried").isEqualTo(1);
			assertThat(done.returning()).isNull();
			assertThat(done.traceback()).startsWith("io.qtasks.invocation.TaskResultTooLargeException: The result of"
					+ " task 'text' takes 2002 bytes as JSON, more than qtasks.max-result-size (1024 bytes)");
		});
	}

	@Test
	void aResultWithinTheLimitIsStored() {
		this.runner.withPropertyValues("qtasks.max-result-size=1KB").run((context) -> {
			// 1022 characters and two quotes: exactly the limit
			Task done = run(context.getBean(QTasks.class), "text", 1022);
			assertThat(done.status()).isEqualTo(TaskStatus.SUCCESS);
			assertThat(done.returning()).isEqualTo("x".repeat(1022));
		});
	}

	@Test
	void theLimitCountsTheWholeCollectedResultOfAGenerator() {
		this.runner.withPropertyValues("qtasks.max-result-size=1KB").run((context) -> {
			QTasks qtasks = context.getBean(QTasks.class);
			Task small = run(qtasks, "words", 10);
			assertThat(small.status()).isEqualTo(TaskStatus.SUCCESS);
			assertThat(small.returning()).asInstanceOf(LIST).hasSize(10);
			Task large = run(qtasks, "words", 200);
			assertThat(large.status()).isEqualTo(TaskStatus.ERROR);
			assertThat(large.traceback()).contains("The result of task 'words' takes 1401 bytes as JSON");
		});
	}

	@Test
	void theDefaultLimitIsOneMegabyte() {
		this.runner.run((context) -> {
			QTasks qtasks = context.getBean(QTasks.class);
			Task large = run(qtasks, "text", 1024 * 1024);
			assertThat(large.status()).isEqualTo(TaskStatus.ERROR);
			assertThat(large.traceback())
				.contains("takes 1048578 bytes as JSON, more than qtasks.max-result-size (1048576 bytes)");
			assertThat(run(qtasks, "text", 1024 * 1024 - 2).status()).isEqualTo(TaskStatus.SUCCESS);
		});
	}

	@Test
	void aHigherLimitLetsLargerResultsThrough() {
		this.runner.withPropertyValues("qtasks.max-result-size=4MB").run((context) -> {
			Task done = run(context.getBean(QTasks.class), "text", 2 * 1024 * 1024);
			assertThat(done.status()).isEqualTo(TaskStatus.SUCCESS);
		});
	}

	@Test
	void aNegativeLimitFailsStartUp() {
		this.runner.withPropertyValues("qtasks.max-result-size=-1KB").run((context) -> {
			assertThat(context).hasFailed();
			assertThat(context.getStartupFailure()).rootCause()
				.hasMessageContaining("qtasks.max-result-size must not be negative, was -1024B");
		});
	}

	@Configuration(proxyBeanMethods = false)
	static class ResultTasks {

		@QTask(name = "text", retry = 2)
		public String text(int length) {
			return "x".repeat(length);
		}

		@QTask(name = "words")
		public Stream<String> words(int count) {
			return Stream.generate(() -> "word").limit(count);
		}

	}

}
