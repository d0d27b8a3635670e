package io.qtasks.observation;

import java.time.Duration;
import java.util.UUID;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import io.micrometer.tracing.Span;
import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.propagation.Propagator;
import io.micrometer.tracing.test.simple.SimpleSpan;
import io.micrometer.tracing.test.simple.SimpleTracer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.micrometer.observation.autoconfigure.ObservationAutoConfiguration;
import org.springframework.boot.micrometer.tracing.autoconfigure.MicrometerTracingAutoConfiguration;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import io.qtasks.QTasks;
import io.qtasks.Task;
import io.qtasks.TaskStatus;
import io.qtasks.annotation.QTask;
import io.qtasks.engine.redis.RedisTestApplications;
import io.qtasks.test.QTasksContextRunner;
import io.qtasks.testsupport.RedisServerExtension;
import io.qtasks.testsupport.RedisTestServer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Traces through QTasks with Micrometer's test tracer: the execution of a task is a child
 * span of its enqueue, which is a child of the code that enqueued it, in one application
 * and across two applications sharing a Redis.
 *
 * @author QTasks contributors
 */
@ExtendWith(RedisServerExtension.class)
class TaskTracingTests {

	private static final Duration WAIT = Duration.ofSeconds(20);

	@Test
	void theExecutionIsAChildSpanOfTheEnqueueWhichIsAChildOfTheCaller() {
		SimpleTracer tracer = new SimpleTracer();
		traced(QTasksContextRunner.create(), tracer).run((context) -> {
			Task queued = enqueueInRequest(context, "greet", "traced");
			assertThat(queued.extra()).containsKey(TaskInstrumentation.TRACE);
			assertThat(qtasks(context).get(queued.uuid())).get()
				.extracting((stored) -> stored.extra().get(TaskInstrumentation.TRACE))
				.isEqualTo(queued.extra().get(TaskInstrumentation.TRACE));
			assertThat(qtasks(context).waitResult(queued.uuid(), WAIT)).get()
				.extracting(Task::status)
				.isEqualTo(TaskStatus.SUCCESS);
			SimpleSpan request = finishedSpan(tracer, "test.request");
			SimpleSpan enqueue = finishedSpan(tracer, "enqueue greet");
			SimpleSpan execution = finishedSpan(tracer, "execute greet");
			assertChildOf(enqueue, request);
			assertThat(enqueue.getKind()).isEqualTo(Span.Kind.PRODUCER);
			assertThat(enqueue.getTags()).containsEntry("task", "greet")
				.containsEntry("task.uuid", queued.uuid().toString());
			assertChildOf(execution, enqueue);
			assertThat(execution.getKind()).isEqualTo(Span.Kind.CONSUMER);
			assertThat(execution.getTags()).containsEntry("task", "greet")
				.containsEntry("outcome", "success")
				.containsEntry("task.uuid", queued.uuid().toString())
				.containsEntry("task.attempt", "1");
		});
	}

	@Test
	void aTaskEnqueuedInsideATaskIsAChildOfItsExecution() {
		SimpleTracer tracer = new SimpleTracer();
		traced(QTasksContextRunner.create(), tracer).run((context) -> {
			Task outer = enqueueInRequest(context, "enqueue_greet", "nested");
			Task done = qtasks(context).waitResult(outer.uuid(), WAIT).orElseThrow();
			UUID inner = UUID.fromString((String) done.returning());
			assertThat(qtasks(context).waitResult(inner, WAIT)).isPresent();
			SimpleSpan outerExecution = finishedSpan(tracer, "execute enqueue_greet");
			SimpleSpan innerEnqueue = finishedSpan(tracer, "enqueue greet");
			SimpleSpan innerExecution = finishedSpan(tracer, "execute greet");
			assertChildOf(innerEnqueue, outerExecution);
			assertChildOf(innerExecution, innerEnqueue);
		});
	}

	@Test
	void aFailedExecutionIsAnErrorSpan() {
		SimpleTracer tracer = new SimpleTracer();
		traced(QTasksContextRunner.create(), tracer).run((context) -> {
			Task queued = enqueueInRequest(context, "explode", "boom");
			assertThat(qtasks(context).waitResult(queued.uuid(), WAIT)).get()
				.extracting(Task::status)
				.isEqualTo(TaskStatus.ERROR);
			SimpleSpan execution = finishedSpan(tracer, "execute explode");
			assertThat(execution.getTags()).containsEntry("outcome", "error");
			assertThat(execution.getError()).isInstanceOf(IllegalStateException.class).hasMessage("boom");
		});
	}

	@Test
	void theTraceTravelsThroughRedisToAnotherNode() {
		String name = RedisTestServer.uniqueName("tracing");
		SimpleTracer clientTracer = new SimpleTracer();
		SimpleTracer workerTracer = new SimpleTracer();
		try {
			traced(RedisTestApplications.runner(name), workerTracer).run((worker) -> traced(
					RedisTestApplications.runner(name).withPropertyValues("qtasks.worker.enabled=false"), clientTracer)
				.run((client) -> {
					Task queued = enqueueInRequest(client, "greet", "across");
					assertThat(qtasks(client).waitResult(queued.uuid(), WAIT)).get()
						.extracting(Task::status)
						.isEqualTo(TaskStatus.SUCCESS);
					SimpleSpan request = finishedSpan(clientTracer, "test.request");
					SimpleSpan enqueue = finishedSpan(clientTracer, "enqueue greet");
					SimpleSpan execution = finishedSpan(workerTracer, "execute greet");
					assertChildOf(enqueue, request);
					assertChildOf(execution, enqueue);
					assertThat(clientTracer.getSpans()).extracting(SimpleSpan::getName).doesNotContain("execute greet");
				}));
		}
		finally {
			RedisTestServer.get().deleteKeys(name);
		}
	}

	@Test
	void withoutATracerTasksCarryNoTrace() {
		QTasksContextRunner.create().withBean(TracedTasks.class).run((context) -> {
			Task queued = qtasks(context).addTask("greet", "untraced");
			assertThat(queued.extra()).doesNotContainKey(TaskInstrumentation.TRACE);
			Task done = qtasks(context).waitResult(queued.uuid(), WAIT).orElseThrow();
			assertThat(done.extra()).doesNotContainKey(TaskInstrumentation.TRACE);
		});
	}

	private static ApplicationContextRunner traced(ApplicationContextRunner runner, SimpleTracer tracer) {
		return runner
			.withConfiguration(
					AutoConfigurations.of(ObservationAutoConfiguration.class, MicrometerTracingAutoConfiguration.class))
			.withBean(Tracer.class, () -> tracer)
			.withBean(Propagator.class, () -> new TestPropagator(tracer))
			.withBean(TracedTasks.class);
	}

	private static Task enqueueInRequest(AssertableApplicationContext context, String taskName, String argument) {
		ObservationRegistry registry = context.getBean(ObservationRegistry.class);
		return Observation.createNotStarted("test.request", registry)
			.observe(() -> qtasks(context).addTask(taskName, argument));
	}

	private static SimpleSpan finishedSpan(SimpleTracer tracer, String name) {
		return await().atMost(WAIT)
			.until(() -> tracer.getSpans()
				.stream()
				.filter((span) -> name.equals(span.getName()) && span.getEndTimestamp().toEpochMilli() != 0)
				.findFirst()
				.orElse(null), (span) -> span != null);
	}

	private static void assertChildOf(SimpleSpan child, SimpleSpan parent) {
		assertThat(child.getTraceId()).isEqualTo(parent.getTraceId());
		assertThat(child.getParentId()).isEqualTo(parent.getSpanId());
	}

	private static QTasks qtasks(AssertableApplicationContext context) {
		return context.getBean(QTasks.class);
	}

	static class TracedTasks {

		private final ObjectProvider<QTasks> qtasks;

		TracedTasks(ObjectProvider<QTasks> qtasks) {
			this.qtasks = qtasks;
		}

		@QTask(name = "greet")
		public String greet(String name) {
			return "Hello, " + name;
		}

		@QTask(name = "enqueue_greet")
		public String enqueueGreet(String name) {
			return this.qtasks.getObject().addTask("greet", name).uuid().toString();
		}

		@QTask(name = "explode")
		public String explode(String message) {
			throw new IllegalStateException(message);
		}

	}

}
