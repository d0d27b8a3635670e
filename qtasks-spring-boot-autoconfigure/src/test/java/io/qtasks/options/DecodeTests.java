package io.qtasks.options;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import io.qtasks.QTasks;
import io.qtasks.Task;
import io.qtasks.TaskDecoder;
import io.qtasks.TaskStatus;
import io.qtasks.annotation.QTask;

import static io.qtasks.options.OptionsTestSupport.run;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code @QTask(decode)}: the default stores the return value as Jackson JSON, a decoder
 * turns it into something else first, and a value that cannot be written ends the task as
 * {@code error} naming the task and the type.
 *
 * @author QTasks contributors
 */
class DecodeTests {

	private final ApplicationContextRunner runner = OptionsTestSupport.runner("decode-tests")
		.withUserConfiguration(DecodeConfiguration.class, DecodeTasks.class);

	@Test
	void defaultStoresTheReturnValueAsJson() {
		this.runner.run((context) -> {
			Task done = run(context.getBean(QTasks.class), "report");
			assertThat(done.status()).isEqualTo(TaskStatus.SUCCESS);
			assertThat(done.returning())
				.isEqualTo(Map.of("customer", "acme", "year", 2026, "lines", List.of("hardware", "support")));
		});
	}

	@Test
	void decoderTurnsTheReturnValueIntoWhatIsStored() {
		this.runner.run((context) -> {
			Task done = run(context.getBean(QTasks.class), "report_summary");
			assertThat(done.status()).isEqualTo(TaskStatus.SUCCESS);
			assertThat(done.returning()).isEqualTo("ACME/2026: 2 line(s)");
		});
	}

	@Test
	void decoderBeanIsUsedWithItsDependencies() {
		this.runner.run((context) -> {
			Task done = run(context.getBean(QTasks.class), "report_labelled");
			assertThat(done.returning()).isEqualTo(Map.of("label", "quarterly", "customer", "acme"));
		});
	}

	@Test
	void resultThatCannotBeWrittenEndsAsErrorNamingTaskAndType() {
		this.runner.run((context) -> {
			Task done = run(context.getBean(QTasks.class), "unwritable");
			assertThat(done.status()).isEqualTo(TaskStatus.ERROR);
			assertThat(done.attempt()).as("not retried").isEqualTo(1);
			assertThat(done.traceback()).startsWith("io.qtasks.invocation.TaskResultException: Task 'unwritable'"
					+ " returned a " + Unwritable.class.getName() + " that cannot be stored as JSON");
		});
	}

	@Test
	void decodedValueThatCannotBeWrittenNamesTheDecoder() {
		this.runner.run((context) -> {
			Task done = run(context.getBean(QTasks.class), "decoded_unwritable");
			assertThat(done.status()).isEqualTo(TaskStatus.ERROR);
			assertThat(done.traceback()).contains("Task 'decoded_unwritable' returned a value that decode ("
					+ ToUnwritable.class.getName() + ") turned into a " + Unwritable.class.getName());
		});
	}

	record Report(String customer, int year, List<String> lines) {

	}

	/**
	 * Jackson cannot write it: its only property fails.
	 */
	static class Unwritable {

		public String getValue() {
			throw new IllegalStateException("not serializable");
		}

	}

	static class SummaryDecoder implements TaskDecoder {

		@Override
		public Object decode(Object result) {
			Report report = (Report) result;
			return report.customer().toUpperCase(java.util.Locale.ROOT) + "/" + report.year() + ": "
					+ report.lines().size() + " line(s)";
		}

	}

	static class LabelDecoder implements TaskDecoder {

		private final String label;

		LabelDecoder(String label) {
			this.label = label;
		}

		@Override
		public Object decode(Object result) {
			return Map.of("label", this.label, "customer", ((Report) result).customer());
		}

	}

	static class ToUnwritable implements TaskDecoder {

		@Override
		public Object decode(Object result) {
			return new Unwritable();
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class DecodeConfiguration {

		@Bean
		LabelDecoder labelDecoder() {
			return new LabelDecoder("quarterly");
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class DecodeTasks {

		@QTask(name = "report")
		public Report report() {
			return new Report("acme", 2026, List.of("hardware", "support"));
		}

		@QTask(name = "report_summary", decode = SummaryDecoder.class)
		public Report reportSummary() {
			return report();
		}

		@QTask(name = "report_labelled", decode = LabelDecoder.class)
		public Report reportLabelled() {
			return report();
		}

		@QTask(name = "unwritable", retry = 2)
		public Unwritable unwritable() {
			return new Unwritable();
		}

		@QTask(name = "decoded_unwritable", decode = ToUnwritable.class)
		public String decodedUnwritable() {
			return "fine";
		}

	}

}
