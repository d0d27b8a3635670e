package io.qtasks.options;

import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;

import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;

import io.qtasks.CancelOutcome;
import io.qtasks.GenerateHandler;
import io.qtasks.QTasks;
import io.qtasks.Task;
import io.qtasks.TaskStatus;
import io.qtasks.annotation.QTask;

import static io.qtasks.options.OptionsTestSupport.finished;
import static io.qtasks.options.OptionsTestSupport.run;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Generator tasks and {@code @QTask(generateHandler)}: every element of a {@code Stream},
 * {@code Iterator}, {@code Iterable} or {@code Flux} passes through the handler, the
 * outputs become the result, and the count produced so far shows on the record while the
 * task runs.
 *
 * @author QTasks contributors
 */
class GeneratorTests {

	private final ApplicationContextRunner runner = OptionsTestSupport.runner("generator-tests")
		.withUserConfiguration(GeneratorTasks.class);

	@ParameterizedTest
	@ValueSource(strings = { "tens_stream", "tens_iterator", "tens_iterable", "tens_flux" })
	void everyElementPassesThroughTheHandlerIntoTheResultList(String taskName) {
		this.runner.run((context) -> {
			Task done = run(context.getBean(QTasks.class), taskName, 3);
			assertThat(done.status()).isEqualTo(TaskStatus.SUCCESS);
			assertThat(done.returning()).isEqualTo(List.of(0, 10, 20));
			assertThat(done.extra()).containsEntry("progress", Map.of("count", 3));
		});
	}

	@Test
	void withoutHandlerElementsAreCollectedAsTheyAre() {
		this.runner.run((context) -> {
			Task done = run(context.getBean(QTasks.class), "words");
			assertThat(done.returning()).isEqualTo(List.of("alpha", "beta"));
		});
	}

	@Test
	void elementsProducedSoFarShowAsProgressWhileTheTaskRuns() {
		this.runner.withPropertyValues("qtasks.worker.progress-interval=200ms").run((context) -> {
			QTasks qtasks = context.getBean(QTasks.class);
			GeneratorTasks tasks = context.getBean(GeneratorTasks.class);
			Task queued = qtasks.addTask("paused_after_two");
			// the second element comes within the interval: a late write must still show
			// it
			Task running = await().atMost(OptionsTestSupport.WAIT)
				.until(() -> qtasks.get(queued.uuid()).orElseThrow(),
						(task) -> Map.of("count", 2).equals(task.extra().get("progress")));
			assertThat(running.status()).isEqualTo(TaskStatus.PROCESS);
			tasks.resume.countDown();
			Task done = finished(qtasks, queued.uuid());
			assertThat(done.status()).isEqualTo(TaskStatus.SUCCESS);
			assertThat(done.returning()).isEqualTo(List.of(0, 10, 20));
			assertThat(done.extra()).containsEntry("progress", Map.of("count", 3));
		});
	}

	@Test
	void cancelStopsAGeneratorBetweenElements() {
		this.runner.run((context) -> {
			QTasks qtasks = context.getBean(QTasks.class);
			GeneratorTasks tasks = context.getBean(GeneratorTasks.class);
			Task queued = qtasks.addTask("endless");
			await().atMost(OptionsTestSupport.WAIT).until(() -> tasks.endlessElements.get() > 10);
			assertThat(qtasks.cancel(queued.uuid(), "enough")).isEqualTo(CancelOutcome.CANCEL_REQUESTED);
			Task done = finished(qtasks, queued.uuid());
			assertThat(done.status()).isEqualTo(TaskStatus.CANCEL);
			assertThat(done.cancelReason()).isEqualTo("enough");
		});
	}

	/**
	 * QTasks' example handler: ten times the element.
	 */
	static class TimesTen implements GenerateHandler {

		@Override
		public Object handle(Object value) {
			return ((Integer) value) * 10;
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class GeneratorTasks {

		final CountDownLatch resume = new CountDownLatch(1);

		final AtomicInteger endlessElements = new AtomicInteger();

		@QTask(name = "tens_stream", generateHandler = TimesTen.class)
		public Stream<Integer> tensStream(int count) {
			return Stream.iterate(0, (i) -> i + 1).limit(count);
		}

		@QTask(name = "tens_iterator", generateHandler = TimesTen.class)
		public Iterator<Integer> tensIterator(int count) {
			return tensIterable(count).iterator();
		}

		@QTask(name = "tens_iterable", generateHandler = TimesTen.class)
		public Iterable<Integer> tensIterable(int count) {
			return tensStream(count).toList();
		}

		@QTask(name = "tens_flux", generateHandler = TimesTen.class)
		public Flux<Integer> tensFlux(int count) {
			return Flux.range(0, count);
		}

		@QTask(name = "words")
		public Stream<String> words() {
			return Stream.of("alpha", "beta");
		}

		@QTask(name = "paused_after_two", generateHandler = TimesTen.class)
		public Stream<Integer> pausedAfterTwo() {
			return Stream.iterate(0, (i) -> i + 1).limit(3).peek((i) -> {
				if (i == 2) {
					awaitResume();
				}
			});
		}

		@QTask(name = "endless")
		public Stream<Integer> endless() {
			// never looks at the interrupt: only the worker's check between elements
			// stops it
			return Stream.iterate(0, (i) -> i + 1).peek((i) -> {
				this.endlessElements.incrementAndGet();
				LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(1));
			});
		}

		private void awaitResume() {
			try {
				assertThat(this.resume.await(30, TimeUnit.SECONDS)).isTrue();
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new IllegalStateException(ex);
			}
		}

	}

}
