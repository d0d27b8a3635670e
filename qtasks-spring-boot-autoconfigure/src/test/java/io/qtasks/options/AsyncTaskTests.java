package io.qtasks.options;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;

import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;

import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;

import io.qtasks.QTasks;
import io.qtasks.Task;
import io.qtasks.TaskStatus;
import io.qtasks.annotation.QTask;
import io.qtasks.engine.TaskExtras;

import static io.qtasks.options.OptionsTestSupport.WAIT;
import static io.qtasks.options.OptionsTestSupport.finished;
import static io.qtasks.options.OptionsTestSupport.run;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Task methods that return their value later ({@code CompletableFuture}, {@code Mono})
 * finish when the value does; {@code @QTask(async = true)} frees the worker slot while
 * the value is pending.
 *
 * @author QTasks contributors
 */
class AsyncTaskTests {

	private final ApplicationContextRunner runner = OptionsTestSupport.runner("async-tests")
		.withUserConfiguration(AsyncTasks.class);

	@Test
	void aFutureOrAMonoSucceedsWithItsValue() {
		this.runner.run((context) -> {
			QTasks qtasks = context.getBean(QTasks.class);
			Task future = run(qtasks, "future_value", "f");
			assertThat(future.status()).isEqualTo(TaskStatus.SUCCESS);
			assertThat(future.returning()).isEqualTo("value of f");
			Task mono = run(qtasks, "mono_value", "m");
			assertThat(mono.status()).isEqualTo(TaskStatus.SUCCESS);
			assertThat(mono.returning()).isEqualTo(Map.of("value", "m"));
		});
	}

	@Test
	void aFutureOrAMonoThatFailsFailsTheTaskWithItsFailure() {
		this.runner.run((context) -> {
			QTasks qtasks = context.getBean(QTasks.class);
			Task future = run(qtasks, "future_failure");
			assertThat(future.status()).isEqualTo(TaskStatus.ERROR);
			assertThat(future.traceback()).startsWith("java.io.IOException: the disk is full");
			assertThat(future.attempt()).isEqualTo(2);
			Task mono = run(qtasks, "mono_failure");
			assertThat(mono.status()).isEqualTo(TaskStatus.ERROR);
			assertThat(mono.traceback()).startsWith("java.lang.IllegalStateException: no value today");
		});
	}

	@Test
	void aPendingValueThatOutlivesTheTimeoutIsCancelled() {
		this.runner.run((context) -> {
			QTasks qtasks = context.getBean(QTasks.class);
			AsyncTasks tasks = context.getBean(AsyncTasks.class);
			Task future = run(qtasks, "future_never", "timed out");
			assertThat(future.status()).isEqualTo(TaskStatus.ERROR);
			assertThat(future.traceback()).contains("ran longer than its timeout of PT0.2S");
			assertThat(tasks.pending.get("timed out").isCancelled()).isTrue();
			Task mono = run(qtasks, "mono_never");
			assertThat(mono.status()).isEqualTo(TaskStatus.ERROR);
			assertThat(mono.traceback()).contains("ran longer than its timeout of PT0.2S");
			await().atMost(WAIT).untilTrue(tasks.monoCancelled);
		});
	}

	@Test
	void cancellingTheTaskCancelsItsPendingValue() {
		this.runner.run((context) -> {
			QTasks qtasks = context.getBean(QTasks.class);
			AsyncTasks tasks = context.getBean(AsyncTasks.class);
			Task task = qtasks.addTask("future_pending", "cancelled");
			await().atMost(WAIT).until(() -> tasks.pending.containsKey("cancelled"));
			qtasks.cancel(task.uuid(), "not needed");
			Task done = finished(qtasks, task.uuid());
			assertThat(done.status()).isEqualTo(TaskStatus.CANCEL);
			assertThat(done.cancelReason()).isEqualTo("not needed");
			assertThat(tasks.pending.get("cancelled").isCancelled()).isTrue();
		});
	}

	@Test
	void aPendingValueHoldsTheWorkerSlotUnlessTheTaskIsAsync() {
		this.runner.withPropertyValues("qtasks.worker.concurrency=1").run((context) -> {
			QTasks qtasks = context.getBean(QTasks.class);
			AsyncTasks tasks = context.getBean(AsyncTasks.class);
			// async = true: the slot is free while the value is pending, so the next task
			// runs
			Task freed = qtasks.addTask("async_pending", "freed");
			await().atMost(WAIT).until(() -> tasks.pending.containsKey("freed"));
			Task quick = run(qtasks, "future_value", "meanwhile");
			assertThat(quick.status()).isEqualTo(TaskStatus.SUCCESS);
			assertThat(qtasks.get(freed.uuid()).orElseThrow().status()).isEqualTo(TaskStatus.PROCESS);
			tasks.pending.get("freed").complete("freed at last");
			assertThat(finished(qtasks, freed.uuid()).returning()).isEqualTo("freed at last");
			// by default the run holds its slot: the next task starts after it finished
			Task held = qtasks.addTask("future_pending", "held");
			await().atMost(WAIT).until(() -> tasks.pending.containsKey("held"));
			Task after = qtasks.addTask("future_value", "after");
			tasks.pending.get("held").complete("held to the end");
			Task heldDone = finished(qtasks, held.uuid());
			Task afterDone = finished(qtasks, after.uuid());
			Instant heldFinished = Instant.parse((String) heldDone.extra().get(TaskExtras.FINISHED_AT));
			assertThat(TaskExtras.startedAt(afterDone)).isAfterOrEqualTo(heldFinished);
		});
	}

	@Test
	void asyncOnAMethodThatReturnsItsValueAtOnceFailsStartUp() {
		OptionsTestSupport.runner("async-tests-invalid")
			.withUserConfiguration(InvalidAsyncTask.class)
			.run((context) -> {
				assertThat(context).getFailure()
					.hasMessageContaining("InvalidAsyncTask.now()")
					.hasMessageContaining("async = true needs a method that returns its value later")
					.hasMessageContaining("java.lang.String");
			});
	}

	@Configuration(proxyBeanMethods = false)
	static class AsyncTasks {

		final Map<String, CompletableFuture<String>> pending = new ConcurrentHashMap<>();

		final AtomicBoolean monoCancelled = new AtomicBoolean();

		@QTask(name = "future_value")
		public CompletableFuture<String> futureValue(String label) {
			return CompletableFuture.supplyAsync(() -> "value of " + label);
		}

		@QTask(name = "mono_value")
		public Mono<Map<String, String>> monoValue(String label) {
			return Mono.fromCallable(() -> Map.of("value", label)).delayElement(Duration.ofMillis(20));
		}

		@QTask(name = "future_failure", retry = 1, retryOn = IOException.class)
		public CompletableFuture<String> futureFailure() {
			CompletableFuture<String> value = new CompletableFuture<>();
			CompletableFuture.runAsync(() -> value.completeExceptionally(new IOException("the disk is full")));
			return value;
		}

		@QTask(name = "mono_failure")
		public Mono<String> monoFailure() {
			return Mono.error(new IllegalStateException("no value today"));
		}

		@QTask(name = "future_never", timeout = "200ms")
		public CompletableFuture<String> futureNever(String label) {
			return this.pending.computeIfAbsent(label, (key) -> new CompletableFuture<>());
		}

		@QTask(name = "mono_never", timeout = "200ms")
		public Mono<String> monoNever() {
			return Mono.<String>never().doOnCancel(() -> this.monoCancelled.set(true));
		}

		@QTask(name = "future_pending")
		public CompletableFuture<String> futurePending(String label) {
			return this.pending.computeIfAbsent(label, (key) -> new CompletableFuture<>());
		}

		@QTask(name = "async_pending", async = true)
		public CompletableFuture<String> asyncPending(String label) {
			return this.pending.computeIfAbsent(label, (key) -> new CompletableFuture<>());
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class InvalidAsyncTask {

		@QTask(name = "now", async = true)
		public String now() {
			return "now";
		}

	}

}
