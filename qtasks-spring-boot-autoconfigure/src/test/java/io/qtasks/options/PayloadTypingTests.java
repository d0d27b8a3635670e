package io.qtasks.options;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.DefaultTyping;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.jsontype.BasicPolymorphicTypeValidator;

import org.springframework.boot.jackson.autoconfigure.JsonMapperBuilderCustomizer;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import io.qtasks.QTasks;
import io.qtasks.Task;
import io.qtasks.TaskStatus;
import io.qtasks.annotation.QTask;
import io.qtasks.definition.TaskDefinitionException;

import static io.qtasks.options.OptionsTestSupport.finished;
import static io.qtasks.options.OptionsTestSupport.run;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Payloads cannot pick the classes they become: an application whose Jackson mapper
 * activates default typing (class names in the JSON) still exchanges plain JSON with its
 * tasks, a class named in a payload is never instantiated, and a task parameter whose
 * type asks for class names ({@code @JsonTypeInfo(use = CLASS)}) fails start-up.
 *
 * @author QTasks contributors
 */
class PayloadTypingTests {

	private final ApplicationContextRunner runner = OptionsTestSupport.runner("payload-typing-tests");

	private final ApplicationContextRunner typedRunner = this.runner.withUserConfiguration(DefaultTypingJackson.class,
			TypedTasks.class);

	@BeforeEach
	void noCanaryYet() {
		Canary.created.set(0);
	}

	@Test
	void theApplicationsOwnMapperKeepsItsDefaultTyping() {
		this.typedRunner.run((context) -> {
			JsonMapper mapper = context.getBean(JsonMapper.class);
			assertThat(mapper.writeValueAsString(new ArrayList<>(List.of(1))))
				.isEqualTo("[\"java.util.ArrayList\",[1]]");
			// what QTasks must never do with a task's payload
			assertThat(mapper.readValue(canaryPayload(), Object.class)).isInstanceOf(Canary.class);
		});
	}

	@Test
	void argumentsAndResultsRoundTripAsPlainJson() {
		this.typedRunner.run((context) -> {
			QTasks qtasks = context.getBean(QTasks.class);
			Task queued = qtasks.task("summarize")
				.args(new Order("acme", List.of(new Line("bolt", 3), new Line("nut", 4))))
				.kwarg("labels", Map.of("region", "north"))
				.add();
			assertThat(queued.args()).containsExactly(Map.of("customer", "acme", "lines",
					List.of(Map.of("item", "bolt", "quantity", 3), Map.of("item", "nut", "quantity", 4))));
			Task done = finished(qtasks, queued.uuid());
			assertThat(done.status()).as(done.traceback()).isEqualTo(TaskStatus.SUCCESS);
			assertThat(done.returning()).isEqualTo(Map.of("customer", "acme", "quantity", 7, "labels",
					List.of("region=north"), "animals", List.of(Map.of("name", "rex"))));
		});
	}

	@Test
	void aClassNamedInAnArrayPayloadIsNotCreated() {
		this.typedRunner.run((context) -> {
			QTasks qtasks = context.getBean(QTasks.class);
			Task done = run(qtasks, "describe", List.of(Canary.class.getName(), Map.of("name", "tweety")));
			assertThat(done.status()).as(done.traceback()).isEqualTo(TaskStatus.SUCCESS);
			assertThat(done.returning()).isEqualTo(ArrayList.class.getName());
			assertThat(Canary.created).hasValue(0);
		});
	}

	@Test
	void aClassNamedInAnObjectPayloadIsNotCreated() {
		this.typedRunner.run((context) -> {
			QTasks qtasks = context.getBean(QTasks.class);
			Task done = run(qtasks, "adopt", Map.of("@class", Canary.class.getName(), "name", "tweety"));
			assertThat(done.status()).as(done.traceback()).isEqualTo(TaskStatus.SUCCESS);
			assertThat(done.returning()).isEqualTo(Animal.class.getName() + " tweety");
			assertThat(Canary.created).hasValue(0);
		});
	}

	@Test
	void logicalTypeNamesStillPickADeclaredSubtype() {
		this.typedRunner.run((context) -> {
			QTasks qtasks = context.getBean(QTasks.class);
			Task done = run(qtasks, "area", Map.of("kind", "square", "side", 3));
			assertThat(done.status()).as(done.traceback()).isEqualTo(TaskStatus.SUCCESS);
			assertThat(done.returning()).isEqualTo("Square 9");
			Task unknown = run(qtasks, "area", Map.of("kind", Canary.class.getName(), "side", 3));
			assertThat(unknown.status()).isEqualTo(TaskStatus.ERROR);
			assertThat(unknown.traceback()).contains("Task 'area': parameter 'Figure figure' cannot take the value");
			assertThat(Canary.created).hasValue(0);
		});
	}

	@Test
	void aParameterTypeWithClassNameTypingFailsStartUp() {
		assertStartupFails(ClassTypedParameter.class, "ClassTypedParameter.draw(Shape)", "parameter 'Shape shape'",
				"Shape has @JsonTypeInfo(use = CLASS)");
	}

	@Test
	void minimalClassNamesFailStartUpToo() {
		assertStartupFails(MinimalClassTypedParameter.class, "MinimalClassTypedParameter.draw(Sketch)",
				"parameter 'Sketch sketch'", "Sketch has @JsonTypeInfo(use = MINIMAL_CLASS)");
	}

	@Test
	void classNameTypingInsideAnElementTypeFailsStartUp() {
		assertStartupFails(NestedClassTypedParameter.class, "NestedClassTypedParameter.draw(Map)",
				"parameter 'Map<String, Drawing> drawings'",
				"Map<String, Drawing>[].shapes[] is a Shape, which has @JsonTypeInfo(use = CLASS)");
	}

	@Test
	void classNameTypingOnAPropertyFailsStartUp() {
		assertStartupFails(PropertyClassTypedParameter.class, "PropertyClassTypedParameter.open(Envelope)",
				"parameter 'Envelope envelope'", "Envelope.payload has @JsonTypeInfo(use = CLASS)");
	}

	@Test
	void classNameTypingInADeclaredSubtypeFailsStartUp() {
		assertStartupFails(SubtypeClassTypedParameter.class, "SubtypeClassTypedParameter.frame(Picture)",
				"Picture as Framed.content has @JsonTypeInfo(use = CLASS)");
	}

	private void assertStartupFails(Class<?> tasks, String... messages) {
		this.runner.withUserConfiguration(tasks).run((context) -> {
			assertThat(context).hasFailed();
			Throwable failure = context.getStartupFailure();
			assertThat(failure).isInstanceOf(TaskDefinitionException.class)
				.hasMessageContaining("@QTask method")
				.hasMessageContaining("a task's payload could pick any class on the class path to instantiate")
				.hasMessageContaining("@JsonTypeInfo(use = Id.NAME)");
			for (String message : messages) {
				assertThat(failure).hasMessageContaining(message);
			}
		});
	}

	private static String canaryPayload() {
		return "[\"" + Canary.class.getName() + "\",{\"name\":\"tweety\"}]";
	}

	record Line(String item, int quantity) {

	}

	record Order(String customer, List<Line> lines) {

	}

	record Summary(String customer, int quantity, List<String> labels, List<Animal> animals) {

	}

	public static class Animal {

		private String name;

		public Animal() {
		}

		Animal(String name) {
			this.name = name;
		}

		public String getName() {
			return this.name;
		}

		public void setName(String name) {
			this.name = name;
		}

	}

	/**
	 * A class a payload might name: counts its instances.
	 */
	public static class Canary extends Animal {

		static final AtomicInteger created = new AtomicInteger();

		public Canary() {
			created.incrementAndGet();
		}

	}

	@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "kind")
	@JsonSubTypes({ @JsonSubTypes.Type(value = Square.class, name = "square"),
			@JsonSubTypes.Type(value = Circle.class, name = "circle") })
	interface Figure {

		double area();

	}

	record Square(double side) implements Figure {

		@Override
		public double area() {
			return this.side * this.side;
		}

	}

	record Circle(double radius) implements Figure {

		@Override
		public double area() {
			return Math.PI * this.radius * this.radius;
		}

	}

	@JsonTypeInfo(use = JsonTypeInfo.Id.CLASS)
	interface Shape {

	}

	@JsonTypeInfo(use = JsonTypeInfo.Id.MINIMAL_CLASS)
	interface Sketch {

	}

	record Drawing(String title, List<Shape> shapes) {

	}

	record Envelope(String to, @JsonTypeInfo(use = JsonTypeInfo.Id.CLASS) Object payload) {

	}

	@JsonTypeInfo(use = JsonTypeInfo.Id.NAME)
	@JsonSubTypes(@JsonSubTypes.Type(value = Framed.class, name = "framed"))
	interface Picture {

	}

	record Framed(@JsonTypeInfo(use = JsonTypeInfo.Id.CLASS) Object content) implements Picture {

	}

	/**
	 * An application that lets Jackson write and read class names everywhere.
	 */
	@Configuration(proxyBeanMethods = false)
	static class DefaultTypingJackson {

		@Bean
		JsonMapperBuilderCustomizer defaultTyping() {
			return (builder) -> builder.activateDefaultTyping(
					BasicPolymorphicTypeValidator.builder().allowIfBaseType(Object.class).build(),
					DefaultTyping.NON_FINAL);
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class TypedTasks {

		@QTask(name = "summarize")
		public Summary summarize(Order order, Map<String, String> labels) {
			int quantity = order.lines().stream().mapToInt(Line::quantity).sum();
			List<String> entries = labels.entrySet()
				.stream()
				.map((entry) -> entry.getKey() + "=" + entry.getValue())
				.toList();
			return new Summary(order.customer(), quantity, entries, List.of(new Animal("rex")));
		}

		@QTask(name = "describe")
		public String describe(Object value) {
			return value.getClass().getName();
		}

		@QTask(name = "adopt")
		public String adopt(Animal animal) {
			return animal.getClass().getName() + " " + animal.getName();
		}

		@QTask(name = "area")
		public String area(Figure figure) {
			return figure.getClass().getSimpleName() + " " + Math.round(figure.area());
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class ClassTypedParameter {

		@QTask
		public void draw(Shape shape) {
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class MinimalClassTypedParameter {

		@QTask
		public void draw(Sketch sketch) {
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class NestedClassTypedParameter {

		@QTask
		public void draw(Map<String, Drawing> drawings) {
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class PropertyClassTypedParameter {

		@QTask
		public void open(Envelope envelope) {
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class SubtypeClassTypedParameter {

		@QTask
		public void frame(Picture picture) {
		}

	}

}
