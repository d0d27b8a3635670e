package io.qtasks.options;

import java.util.List;
import java.util.Map;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.validation.autoconfigure.ValidationAutoConfiguration;
import org.springframework.context.annotation.Configuration;

import io.qtasks.QTasks;
import io.qtasks.Task;
import io.qtasks.TaskStatus;
import io.qtasks.annotation.QTask;
import io.qtasks.invocation.TaskArgumentValidator;

import static io.qtasks.options.OptionsTestSupport.finished;
import static io.qtasks.options.OptionsTestSupport.run;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Typed task parameters: JSON args and kwargs bound to primitives, records, POJOs and
 * collections of them; Bean Validation of {@code @Valid} and constrained parameters;
 * errors that name the parameter.
 *
 * @author QTasks contributors
 */
class TypedArgumentTests {

	private final ApplicationContextRunner runner = OptionsTestSupport.runner("typed-argument-tests")
		.withConfiguration(AutoConfigurations.of(ValidationAutoConfiguration.class))
		.withUserConfiguration(TypedTasks.class);

	@Test
	void positionalArgumentsBindToPrimitivesAndStrings() {
		this.runner.run((context) -> {
			Task done = run(context.getBean(QTasks.class), "primitives", 3, 4_000_000_000L, 0.5, true, "x");
			assertThat(done.status()).isEqualTo(TaskStatus.SUCCESS);
			assertThat(done.returning()).isEqualTo("3/4000000000/0.5/true/x");
		});
	}

	@Test
	void recordBindsFromAKwarg() {
		this.runner.run((context) -> {
			QTasks qtasks = context.getBean(QTasks.class);
			Task queued = qtasks.task("build_report")
				.kwarg("request", new ReportRequest("acme", 2026, List.of("hardware")))
				.kwarg("copies", 2)
				.add();
			assertThat(queued.kwargs().get("request"))
				.isEqualTo(Map.of("customer", "acme", "year", 2026, "lines", List.of("hardware")));
			Task done = finished(qtasks, queued.uuid());
			assertThat(done.status()).isEqualTo(TaskStatus.SUCCESS);
			assertThat(done.returning()).isEqualTo("2 x acme/2026 [hardware]");
		});
	}

	@Test
	void recordBindsFromAJsonMap() {
		this.runner.run((context) -> {
			Task done = run(context.getBean(QTasks.class), "build_report",
					Map.of("customer", "globex", "year", 2025, "lines", List.of()), 1);
			assertThat(done.returning()).isEqualTo("1 x globex/2025 []");
		});
	}

	@Test
	void listsAndMapsOfRecordsAndPojosBind() {
		this.runner.run((context) -> {
			Line first = new Line();
			first.setSku("A-1");
			first.setQuantity(2);
			Line second = new Line();
			second.setSku("B-2");
			second.setQuantity(5);
			Task done = run(context.getBean(QTasks.class), "totals",
					List.of(new ReportRequest("acme", 2026, List.of()), new ReportRequest("globex", 2025, List.of())),
					Map.of("north", first, "south", second));
			assertThat(done.status()).isEqualTo(TaskStatus.SUCCESS);
			assertThat(done.returning()).isEqualTo("acme,globex: 7 unit(s)");
		});
	}

	@Test
	void wrongArityEndsAsErrorNamingTheParameters() {
		this.runner.run((context) -> {
			Task done = run(context.getBean(QTasks.class), "build_report", acme(), 1, "extra");
			assertThat(done.status()).isEqualTo(TaskStatus.ERROR);
			assertThat(done.attempt()).isEqualTo(1);
			assertThat(done.traceback()).contains("Task 'build_report' takes 2 argument(s)"
					+ " (ReportRequest request, int copies) but was given 3 positional");
		});
	}

	@Test
	void wrongTypeEndsAsErrorNamingTheParameter() {
		this.runner.run((context) -> {
			Task done = run(context.getBean(QTasks.class), "build_report", acme(), "many");
			assertThat(done.status()).isEqualTo(TaskStatus.ERROR);
			assertThat(done.traceback()).contains("parameter 'int copies' cannot take the value many");
		});
	}

	@Test
	void unknownKwargEndsAsErrorNamingIt() {
		this.runner.run((context) -> {
			QTasks qtasks = context.getBean(QTasks.class);
			Task queued = qtasks.task("build_report")
				.kwarg("request", acme())
				.kwarg("copies", 1)
				.kwarg("colour", "red")
				.add();
			Task done = finished(qtasks, queued.uuid());
			assertThat(done.status()).isEqualTo(TaskStatus.ERROR);
			assertThat(done.traceback()).contains("Task 'build_report' has no parameter named 'colour'");
		});
	}

	@Test
	void missingArgumentEndsAsErrorNamingTheParameter() {
		this.runner.run((context) -> {
			Task done = run(context.getBean(QTasks.class), "build_report", acme());
			assertThat(done.status()).isEqualTo(TaskStatus.ERROR);
			assertThat(done.traceback()).contains("is missing a value for parameter 'int copies'");
		});
	}

	@Test
	void invalidValidParameterEndsAsErrorNamingParameterAndField() {
		this.runner.run((context) -> {
			Task done = run(context.getBean(QTasks.class), "build_report",
					Map.of("customer", " ", "year", 2026, "lines", List.of()), 1);
			assertThat(done.status()).isEqualTo(TaskStatus.ERROR);
			assertThat(done.attempt()).as("not retried").isEqualTo(1);
			assertThat(done.traceback()).contains("Task 'build_report' got invalid arguments:"
					+ " parameter 'ReportRequest request' customer must not be blank");
		});
	}

	@Test
	void constraintOnAParameterIsChecked() {
		this.runner.run((context) -> {
			Task done = run(context.getBean(QTasks.class), "build_report",
					Map.of("customer", "acme", "year", 2026, "lines", List.of()), 0);
			assertThat(done.status()).isEqualTo(TaskStatus.ERROR);
			assertThat(done.traceback()).contains("parameter 'int copies' must be greater than or equal to 1");
		});
	}

	@Test
	void withoutBeanValidationArgumentsAreBoundButNotValidated() {
		this.runner.withClassLoader(new FilteredClassLoader("jakarta.validation", "org.hibernate.validator"))
			.run((context) -> {
				assertThat(context).doesNotHaveBean(TaskArgumentValidator.class);
				Task done = run(context.getBean(QTasks.class), "build_report",
						Map.of("customer", " ", "year", 2026, "lines", List.of()), 0);
				assertThat(done.status()).isEqualTo(TaskStatus.SUCCESS);
			});
	}

	@Test
	void nullForAPrimitiveFieldEndsAsErrorNamingTheParameter() {
		this.runner.run((context) -> {
			Task done = run(context.getBean(QTasks.class), "build_report", Map.of("customer", "acme"), 1);
			assertThat(done.status()).isEqualTo(TaskStatus.ERROR);
			assertThat(done.traceback()).contains("parameter 'ReportRequest request' cannot take the value"
					+ " {customer=acme}: Cannot map `null` into type `int`");
		});
	}

	private static Map<String, Object> acme() {
		return Map.of("customer", "acme", "year", 2026, "lines", List.of());
	}

	record ReportRequest(@NotBlank String customer, int year, List<String> lines) {

	}

	/**
	 * A plain bean with setters.
	 */
	static class Line {

		private String sku;

		private int quantity;

		public String getSku() {
			return this.sku;
		}

		public void setSku(String sku) {
			this.sku = sku;
		}

		public int getQuantity() {
			return this.quantity;
		}

		public void setQuantity(int quantity) {
			this.quantity = quantity;
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class TypedTasks {

		@QTask(name = "primitives")
		public String primitives(int count, long big, double ratio, boolean flag, String text) {
			return count + "/" + big + "/" + ratio + "/" + flag + "/" + text;
		}

		@QTask(name = "build_report")
		public String buildReport(@Valid ReportRequest request, @Min(1) int copies) {
			return copies + " x " + request.customer() + "/" + request.year() + " " + request.lines();
		}

		@QTask(name = "totals")
		public String totals(List<ReportRequest> requests, Map<String, Line> lines) {
			return String.join(",", requests.stream().map(ReportRequest::customer).toList()) + ": "
					+ lines.values().stream().mapToInt(Line::getQuantity).sum() + " unit(s)";
		}

	}

}
