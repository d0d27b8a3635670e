package io.qtasks.worker;

import java.io.IOException;
import java.util.ArrayList;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.beans.factory.ObjectProvider;

import io.qtasks.QTasks;
import io.qtasks.Task;
import io.qtasks.TaskContext;
import io.qtasks.TaskStatus;
import io.qtasks.annotation.Backoff;
import io.qtasks.annotation.QTask;
import io.qtasks.test.QTasksContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code qtasks.worker.mode=inline}: {@code add()} runs the task on the caller's thread
 * and returns its finished record; retries run at once; there is no background worker.
 *
 * @author QTasks contributors
 */
class InlineModeTests {

	private final ApplicationContextRunner runner = QTasksContextRunner.create()
		.withPropertyValues("qtasks.name=inline-mode-tests", "qtasks.worker.mode=inline")
		.withBean(InlineTasks.class);

	@Test
	void addRunsTheTaskOnTheCallersThreadAndReturnsTheFinishedRecord() {
		this.runner.run((context) -> {
			assertThat(context).doesNotHaveBean(QTasksWorker.class).hasSingleBean(InlineTaskRunner.class);
			Task done = context.getBean(QTasks.class).addTask("where", 4);
			assertThat(done.status()).isEqualTo(TaskStatus.SUCCESS);
			assertThat(done.returning()).isEqualTo(Thread.currentThread().getName() + ":8");
			assertThat(context.getBean(QTasks.class).get(done.uuid())).contains(done);
		});
	}

	@Test
	void retriesRunAtOnceWithoutWaitingForTheirBackoff() {
		this.runner.run((context) -> {
			long start = System.nanoTime();
			Task done = context.getBean(QTasks.class).task("flaky").args(2).add();
			assertThat(done.status()).isEqualTo(TaskStatus.SUCCESS);
			assertThat(done.attempt()).isEqualTo(3);
			// the backoff asks for a minute before each retry
			assertThat(System.nanoTime() - start).isLessThan(Duration.ofSeconds(30).toNanos());
		});
	}

	@Test
	void aFailureEndsAsErrorWithItsTraceback() {
		this.runner.run((context) -> {
			Task done = context.getBean(QTasks.class).addTask("flaky", 5);
			assertThat(done.status()).isEqualTo(TaskStatus.ERROR);
			assertThat(done.attempt()).isEqualTo(3);
			assertThat(done.traceback()).startsWith("java.io.IOException: failure 3");
		});
	}

	@Test
	void aNestedTaskRunsInlineToo() {
		this.runner.run((context) -> {
			Task done = context.getBean(QTasks.class).addTask("outer");
			assertThat(done.status()).isEqualTo(TaskStatus.SUCCESS);
			assertThat(done.returning()).isEqualTo("inner:success");
			assertThat(context.getBean(InlineTasks.class).order).containsExactly("outer", "inner");
		});
	}

	@Test
	void aChainRunsItsStepsInlineInOrder() {
		this.runner.run((context) -> {
			QTasks qtasks = context.getBean(QTasks.class);
			List<Task> steps = qtasks.chain(qtasks.task("twice").args(3), qtasks.task("twice"), qtasks.task("twice"));
			assertThat(steps).extracting(Task::status).containsOnly(TaskStatus.SUCCESS);
			assertThat(steps).extracting(Task::returning).containsExactly(6, 12, 24);
		});
	}

	@Test
	void aCancelFromAnotherThreadStopsAnInlineRun() {
		this.runner.run((context) -> {
			QTasks qtasks = context.getBean(QTasks.class);
			CompletableFuture<Task> run = CompletableFuture.supplyAsync(() -> qtasks.addTask("sleepy"));
			UUID uuid = context.getBean(InlineTasks.class).sleeping.get(10, TimeUnit.SECONDS);
			qtasks.cancel(uuid, "stop it");
			Task done = run.get(10, TimeUnit.SECONDS);
			assertThat(done.status()).isEqualTo(TaskStatus.CANCEL);
			assertThat(done.cancelReason()).isEqualTo("stop it");
		});
	}

	@Test
	void withoutTheWorkerNothingRuns() {
		this.runner.withPropertyValues("qtasks.worker.enabled=false").run((context) -> {
			assertThat(context).doesNotHaveBean(InlineTaskRunner.class);
			assertThat(context.getBean(QTasks.class).addTask("where", 1).status()).isEqualTo(TaskStatus.NEW);
		});
	}

	static class InlineTasks {

		final List<String> order = new ArrayList<>();

		final CompletableFuture<UUID> sleeping = new CompletableFuture<>();

		private final ObjectProvider<QTasks> qtasks;

		InlineTasks(ObjectProvider<QTasks> qtasks) {
			this.qtasks = qtasks;
		}

		@QTask(name = "where")
		public String where(int value) {
			return Thread.currentThread().getName() + ":" + (value * 2);
		}

		@QTask(name = "flaky", retry = 2, backoff = @Backoff(delay = "1m"))
		public String flaky(int failures, TaskContext ctx) throws IOException {
			if (ctx.attempt() <= failures) {
				throw new IOException("failure " + ctx.attempt());
			}
			return "done";
		}

		@QTask(name = "outer")
		public String outer() {
			this.order.add("outer");
			Task inner = this.qtasks.getObject().addTask("inner");
			return "inner:" + inner.status().value();
		}

		@QTask(name = "sleepy")
		public void sleepy(TaskContext ctx) {
			this.sleeping.complete(ctx.taskUuid());
			ctx.sleep(Duration.ofSeconds(30));
		}

		@QTask(name = "twice")
		public int twice(int value) {
			return value * 2;
		}

		@QTask(name = "inner")
		public void inner() {
			this.order.add("inner");
		}

	}

}
