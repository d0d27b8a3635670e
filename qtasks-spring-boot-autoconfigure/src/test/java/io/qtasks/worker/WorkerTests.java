package io.qtasks.worker;

import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration;
import org.springframework.context.annotation.AnnotationConfigApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import io.qtasks.QTasks;
import io.qtasks.Task;
import io.qtasks.TaskContext;
import io.qtasks.TaskSelf;
import io.qtasks.TaskStatus;
import io.qtasks.annotation.QTask;
import io.qtasks.client.TaskPayloadTooLargeException;
import io.qtasks.engine.TaskEngine;
import io.qtasks.engine.spi.TaskQueue;
import io.qtasks.engine.spi.TaskRecordStore;
import io.qtasks.autoconfigure.QTasksAutoConfiguration;
import io.qtasks.test.QTasksContextRunner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * End-to-end tests of the worker on the in-memory broker, through the {@link QTasks}
 * client.
 *
 * @author QTasks contributors
 */
@ExtendWith(OutputCaptureExtension.class)
class WorkerTests {

	private static final Duration WAIT = Duration.ofSeconds(10);

	private final ApplicationContextRunner runner = QTasksContextRunner.create().withUserConfiguration(TestTasks.class);

	@Test
	void taskNamesAndCancelReasonsCannotForgeLogLines(CapturedOutput output) {
		this.runner.run((context) -> {
			QTasks qtasks = context.getBean(QTasks.class);
			Task unknown = qtasks.task("no such task\nERROR forged by the name").addAndWait(WAIT);
			assertThat(unknown.status()).isEqualTo(TaskStatus.ERROR);
			Task queued = qtasks.task("add").args(1, 2).add();
			qtasks.cancel(queued.uuid(), "maybe");
			Task slow = qtasks.addTask("slow_cancellable");
			org.awaitility.Awaitility.await()
				.atMost(WAIT)
				.until(() -> qtasks.get(slow.uuid()).orElseThrow().status() == TaskStatus.PROCESS);
			qtasks.cancel(slow.uuid(), "stop\r\nINFO forged by the reason");
			assertThat(qtasks.waitResult(slow.uuid(), WAIT)).get()
				.extracting(Task::cancelReason)
				.isEqualTo("stop\r\nINFO forged by the reason");
			assertThat(output).contains("no such task\\nERROR forged by the name")
				.contains("stop\\r\\nINFO forged by the reason")
				.doesNotContain("\nERROR forged by the name")
				.doesNotContain("\nINFO forged by the reason");
		});
	}

	@Test
	void runsATaskAndStoresItsResultAsJson() {
		this.runner.run((context) -> {
			QTasks qtasks = context.getBean(QTasks.class);
			Task queued = qtasks.addTask("add", 2, 3);
			assertThat(queued.status()).isEqualTo(TaskStatus.NEW);
			Task done = qtasks.waitResult(queued.uuid(), WAIT).orElseThrow();
			assertThat(done.status()).isEqualTo(TaskStatus.SUCCESS);
			assertThat(done.returning()).isEqualTo(5);
			assertThat(done.attempt()).isEqualTo(1);
			assertThat(done.args()).containsExactly(2, 3);
			assertThat(qtasks.get(queued.uuid())).contains(done);
		});
	}

	@Test
	void bindsKwargsToARecordParameterByName() {
		this.runner.run((context) -> {
			QTasks qtasks = context.getBean(QTasks.class);
			Task done = qtasks.task("invoice")
				.kwarg("copies", 2)
				.kwarg("request", new InvoiceRequest("acme", LocalDate.of(2026, 11, 1), List.of(150L, 250L)))
				.addAndWait(WAIT);
			assertThat(done.status()).isEqualTo(TaskStatus.SUCCESS);
			assertThat(done.returning()).isEqualTo(Map.of("customer", "acme", "totalCents", 800, "due", "2026-12-01"));
		});
	}

	@Test
	void unknownTaskEndsInErrorAndTheWorkerRunsTheNextTask() {
		this.runner.run((context) -> {
			QTasks qtasks = context.getBean(QTasks.class);
			Task unknown = qtasks.addTask("no_such_task", "x");
			Task next = qtasks.addTask("add", 1, 1);
			Task failed = qtasks.waitResult(unknown.uuid(), WAIT).orElseThrow();
			assertThat(failed.status()).isEqualTo(TaskStatus.ERROR);
			assertThat(failed.traceback()).contains("Unknown task 'no_such_task'").contains("add");
			assertThat(qtasks.waitResult(next.uuid(), WAIT).orElseThrow().status()).isEqualTo(TaskStatus.SUCCESS);
		});
	}

	@Test
	void wrongArgumentsEndInErrorNamingTheParameter() {
		this.runner.run((context) -> {
			QTasks qtasks = context.getBean(QTasks.class);
			Task tooMany = qtasks.task("add").args(1, 2, 3).addAndWait(WAIT);
			assertThat(tooMany.status()).isEqualTo(TaskStatus.ERROR);
			assertThat(tooMany.traceback()).contains("takes 2 argument(s) (int a, int b) but was given 3 positional");
			Task wrongType = qtasks.task("add").args("one", 2).addAndWait(WAIT);
			assertThat(wrongType.traceback()).contains("parameter 'int a' cannot take the value one");
			Task unknownName = qtasks.task("add").args(1).kwarg("c", 2).addAndWait(WAIT);
			assertThat(unknownName.traceback()).contains("has no parameter named 'c'");
			Task missing = qtasks.task("add").args(1).addAndWait(WAIT);
			assertThat(missing.traceback()).contains("missing a value for parameter 'int b'");
		});
	}

	@Test
	void argumentsLargerThanTheLimitAreRefusedAtEnqueue() {
		this.runner.withPropertyValues("qtasks.max-payload-size=1KB").run((context) -> {
			QTasks qtasks = context.getBean(QTasks.class);
			assertThatExceptionOfType(TaskPayloadTooLargeException.class)
				.isThrownBy(() -> qtasks.addTask("record", "x".repeat(2000)))
				.withMessageContaining("The arguments of task 'record' take 2025 bytes as JSON")
				.withMessageContaining("more than qtasks.max-payload-size (1024 bytes)");
			assertThat(context.getBean(TaskEngine.class).stats().countByStatus().values())
				.allMatch((count) -> count == 0);
			assertThat(qtasks.task("add").args(1, 2).addAndWait(WAIT).status()).isEqualTo(TaskStatus.SUCCESS);
		});
	}

	@Test
	void argumentsThatCannotBeWrittenAsJsonAreRefusedNamingTheArgument() {
		this.runner.run((context) -> {
			QTasks qtasks = context.getBean(QTasks.class);
			assertThatIllegalArgumentException().isThrownBy(() -> qtasks.addTask("record", "fine", new Unwritable()))
				.withMessageStartingWith(
						"Argument 1: A io.qtasks.worker.WorkerTests$Unwritable cannot be written as JSON");
			assertThatIllegalArgumentException()
				.isThrownBy(() -> qtasks.task("record").kwarg("label", new Unwritable()).add())
				.withMessageStartingWith(
						"Argument 'label': A io.qtasks.worker.WorkerTests$Unwritable cannot be written as JSON");
		});
	}

	@Test
	void anyTaskNameIsLegal() {
		this.runner.run((context) -> {
			QTasks qtasks = context.getBean(QTasks.class);
			for (String name : List.of("reports:monthly", "with space", "отчёт-📈")) {
				Task done = qtasks.task(name).args("x").addAndWait(WAIT);
				assertThat(done.taskName()).isEqualTo(name);
				assertThat(done.status()).isEqualTo(TaskStatus.SUCCESS);
				assertThat(done.returning()).isEqualTo(name + "/x");
			}
		});
	}

	@Test
	void failingTaskEndsInErrorWithItsTraceback() {
		this.runner.run((context) -> {
			Task failed = context.getBean(QTasks.class).task("explode").addAndWait(WAIT);
			assertThat(failed.status()).isEqualTo(TaskStatus.ERROR);
			assertThat(failed.traceback()).startsWith("java.lang.IllegalStateException: boom")
				.contains("at io.qtasks.worker.WorkerTests$Tasks.explode");
			assertThat(failed.returning()).isNull();
		});
	}

	@Test
	void runsLowerPriorityFirstAndFifoWithinAPriority() {
		this.runner.withPropertyValues("qtasks.worker.concurrency=1").run((context) -> {
			QTasks qtasks = context.getBean(QTasks.class);
			Recorder recorder = context.getBean(Recorder.class);
			Task gate = qtasks.addTask("gate");
			assertThat(recorder.gateEntered.await(10, TimeUnit.SECONDS)).isTrue();
			Task five = qtasks.task("record").args("p5").priority(5).add();
			Task oneA = qtasks.task("record").args("p1-a").priority(1).add();
			Task three = qtasks.task("record").args("p3").priority(3).add();
			Task oneB = qtasks.task("record").args("p1-b").priority(1).add();
			Task minus = qtasks.task("record").args("p-1").priority(-1).add();
			recorder.gateOpen.countDown();
			for (Task task : List.of(gate, five, oneA, three, oneB, minus)) {
				assertThat(qtasks.waitResult(task.uuid(), WAIT)).isPresent();
			}
			assertThat(recorder.order).containsExactly("p-1", "p1-a", "p1-b", "p3", "p5");
		});
	}

	@Test
	void taskDefaultPriorityIsUsedWhenTheRequestSetsNone() {
		this.runner.run((context) -> {
			QTasks qtasks = context.getBean(QTasks.class);
			assertThat(qtasks.addTask("urgent").priority()).isEqualTo(-10);
			assertThat(qtasks.task("urgent").priority(4).add().priority()).isEqualTo(4);
			assertThat(qtasks.addTask("unknown_here").priority()).isZero();
		});
	}

	@Test
	void nestedTasksAreEnqueuedFromInsideATask() {
		this.runner.run((context) -> {
			QTasks qtasks = context.getBean(QTasks.class);
			Task parent = qtasks.task("parent").args(20).addAndWait(WAIT);
			assertThat(parent.status()).isEqualTo(TaskStatus.SUCCESS);
			UUID child = UUID.fromString((String) parent.returning());
			Task done = qtasks.waitResult(child, WAIT).orElseThrow();
			assertThat(done.taskName()).isEqualTo("add");
			assertThat(done.returning()).isEqualTo(21);
		});
	}

	@Test
	void contextGivesConfigComponentsAndRecordsInsideATask() {
		this.runner.withPropertyValues("qtasks.name=inspector-app").run((context) -> {
			QTasks qtasks = context.getBean(QTasks.class);
			Task other = qtasks.task("add").args(1, 2).addAndWait(WAIT);
			Task done = qtasks.task("inspect").args(other.uuid().toString()).addAndWait(WAIT);
			assertThat(done.status()).as(done.traceback()).isEqualTo(TaskStatus.SUCCESS);
			@SuppressWarnings("unchecked")
			Map<String, Object> seen = (Map<String, Object>) done.returning();
			assertThat(seen).containsEntry("configName", "inspector-app")
				.containsEntry("broker", "memory")
				.containsEntry("storageIsBean", true)
				.containsEntry("workerIsBean", true)
				.containsEntry("recorderIsBean", true)
				.containsEntry("otherStatus", "success")
				.containsEntry("ownStatus", "process")
				.containsEntry("ownUuid", done.uuid().toString())
				.containsEntry("attempt", 1);
		});
	}

	@Test
	void gracefulShutdownFinishesARunningTask() throws Exception {
		try (AnnotationConfigApplicationContext context = new AnnotationConfigApplicationContext()) {
			context.register(JacksonAutoConfiguration.class, QTasksAutoConfiguration.class, TestTasks.class);
			context.refresh();
			QTasks qtasks = context.getBean(QTasks.class);
			TaskEngine storage = context.getBean(TaskEngine.class);
			Recorder recorder = context.getBean(Recorder.class);
			Task slow = qtasks.addTask("slow");
			assertThat(recorder.slowStarted.await(10, TimeUnit.SECONDS)).isTrue();
			context.close();
			Task finished = storage.find(slow.uuid()).orElseThrow();
			assertThat(finished.status()).isEqualTo(TaskStatus.SUCCESS);
			assertThat(finished.returning()).isEqualTo("done");
		}
	}

	/**
	 * The body of the {@code invoice} task.
	 *
	 * @param customer the customer
	 * @param issued when the invoice was issued
	 * @param lineCents the lines
	 */
	public record InvoiceRequest(String customer, LocalDate issued, List<Long> lineCents) {
	}

	/**
	 * A value Jackson cannot write.
	 */
	public static class Unwritable {

		public String getValue() {
			throw new IllegalStateException("no JSON for me");
		}

	}

	/**
	 * Shared state between tests and tasks.
	 */
	static class Recorder {

		final Queue<String> order = new ConcurrentLinkedQueue<>();

		final CountDownLatch gateEntered = new CountDownLatch(1);

		final CountDownLatch gateOpen = new CountDownLatch(1);

		final CountDownLatch slowStarted = new CountDownLatch(1);

	}

	@Configuration(proxyBeanMethods = false)
	static class TestTasks {

		@Bean
		Recorder recorder() {
			return new Recorder();
		}

		@Bean
		Tasks tasks(Recorder recorder) {
			return new Tasks(recorder);
		}

	}

	public static class Tasks {

		private final Recorder recorder;

		Tasks(Recorder recorder) {
			this.recorder = recorder;
		}

		@QTask("add")
		public int add(int a, int b) {
			return a + b;
		}

		@QTask("invoice")
		public Map<String, Object> invoice(InvoiceRequest request, int copies) {
			long total = request.lineCents().stream().mapToLong(Long::longValue).sum() * copies;
			return Map.of("customer", request.customer(), "totalCents", total, "due", request.issued().plusMonths(1));
		}

		@QTask("explode")
		public void explode() {
			throw new IllegalStateException("boom");
		}

		@QTask("gate")
		public void gate() throws InterruptedException {
			this.recorder.gateEntered.countDown();
			this.recorder.gateOpen.await();
		}

		@QTask("record")
		public void record(String label) {
			this.recorder.order.add(label);
		}

		@QTask(name = "urgent", priority = -10)
		public void urgent() {
		}

		@QTask(name = "parent", echo = true)
		public String parent(TaskSelf self, int value) {
			return self.addTask("add", value, 1).uuid().toString();
		}

		@QTask(name = "inspect")
		public Map<String, Object> inspect(String otherUuid, TaskContext ctx) {
			return Map.of("configName", ctx.getConfig().getName(), "broker",
					((TaskQueue) ctx.getComponent("broker")).type(), "storageIsBean",
					ctx.getComponent("storage") instanceof TaskRecordStore, "workerIsBean",
					ctx.getComponent("worker") instanceof QTasksWorker, "recorderIsBean",
					ctx.getComponent("recorder") == this.recorder, "otherStatus",
					ctx.getTask(UUID.fromString(otherUuid)).orElseThrow().status(), "ownStatus",
					ctx.getMetadata().status(), "ownUuid", ctx.taskUuid(), "attempt", ctx.attempt());
		}

		@QTask("reports:monthly")
		public String colon(String value, TaskContext ctx) {
			return ctx.taskName() + "/" + value;
		}

		@QTask("with space")
		public String space(String value, TaskContext ctx) {
			return ctx.taskName() + "/" + value;
		}

		@QTask("отчёт-📈")
		public String unicode(String value, TaskContext ctx) {
			return ctx.taskName() + "/" + value;
		}

		@QTask("slow")
		public String slow(TaskContext ctx) {
			this.recorder.slowStarted.countDown();
			ctx.sleep(Duration.ofMillis(300));
			return "done";
		}

		@QTask("slow_cancellable")
		public String slowCancellable(TaskContext ctx) {
			ctx.sleep(Duration.ofMinutes(1));
			return "done";
		}

	}

}
