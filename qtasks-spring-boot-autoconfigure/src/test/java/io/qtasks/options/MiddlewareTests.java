package io.qtasks.options;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;

import io.qtasks.QTasks;
import io.qtasks.Task;
import io.qtasks.TaskStatus;
import io.qtasks.annotation.QTask;
import io.qtasks.middleware.TaskInvocation;
import io.qtasks.middleware.TaskMiddleware;

import static io.qtasks.options.OptionsTestSupport.finished;
import static io.qtasks.options.OptionsTestSupport.run;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link TaskMiddleware} beans and {@code @QTask(middlewaresBefore, middlewaresAfter)}:
 * their order, what they may replace, that each runs once per attempt, and that one that
 * throws fails the attempt.
 *
 * @author QTasks contributors
 */
class MiddlewareTests {

	private final ApplicationContextRunner runner = OptionsTestSupport.runner("middleware-tests")
		.withUserConfiguration(MiddlewareConfiguration.class, MiddlewareTasks.class);

	@Test
	void globalMiddlewaresWrapPerTaskOnesInTheirOrder() {
		this.runner.run((context) -> {
			Task done = run(context.getBean(QTasks.class), "ordered");
			assertThat(done.status()).isEqualTo(TaskStatus.SUCCESS);
			assertThat(context.getBean(Journal.class).entries).containsExactly("first.before", "second.before",
					"taskOne.before", "taskTwo.before", "call", "taskTwo.after", "taskOne.after", "first.after",
					"second.after");
		});
	}

	@Test
	void middlewaresReplaceArgumentsBeforeAndTheResultAfterTheCall() {
		this.runner.run((context) -> {
			QTasks qtasks = context.getBean(QTasks.class);
			Task queued = qtasks.task("greet").args("world").kwarg("punctuation", "?").add();
			Task done = finished(qtasks, queued.uuid());
			assertThat(done.status()).isEqualTo(TaskStatus.SUCCESS);
			assertThat(done.returning()).isEqualTo(Map.of("greeting", "Hello, WORLD!"));
			// the record keeps what the client sent
			assertThat(done.args()).containsExactly("world");
			assertThat(done.kwargs()).containsEntry("punctuation", "?");
		});
	}

	@Test
	void middlewareThatIsAlsoABeanRunsOncePerAttempt() {
		this.runner.run((context) -> {
			Task done = run(context.getBean(QTasks.class), "counted");
			assertThat(done.status()).isEqualTo(TaskStatus.SUCCESS);
			assertThat(done.attempt()).isEqualTo(2);
			CountingMiddleware counting = context.getBean(CountingMiddleware.class);
			assertThat(counting.before).as("before: once per attempt").hasValue(2);
			assertThat(counting.after).as("after: once, for the attempt that returned").hasValue(1);
		});
	}

	@Test
	void throwingMiddlewareFailsTheAttemptWithItsMessageAndIsRetried() {
		this.runner.run((context) -> {
			Task done = run(context.getBean(QTasks.class), "refused");
			assertThat(done.status()).isEqualTo(TaskStatus.ERROR);
			assertThat(done.attempt()).isEqualTo(2);
			assertThat(done.traceback()).startsWith("java.lang.IllegalStateException: quota exceeded for refused");
			assertThat(context.getBean(MiddlewareTasks.class).refusedCalls).hasValue(0);
		});
	}

	/**
	 * Records what ran, in order.
	 */
	static class Journal {

		final List<String> entries = new CopyOnWriteArrayList<>();

		void add(String entry) {
			this.entries.add(entry);
		}

	}

	/**
	 * Writes its name to the journal; only for the task "ordered", so that other tests
	 * are not disturbed.
	 */
	abstract static class JournalMiddleware implements TaskMiddleware {

		private final Journal journal;

		private final String name;

		JournalMiddleware(Journal journal, String name) {
			this.journal = journal;
			this.name = name;
		}

		@Override
		public void before(TaskInvocation invocation) {
			if (invocation.taskName().equals("ordered")) {
				this.journal.add(this.name + ".before");
			}
		}

		@Override
		public void after(TaskInvocation invocation) {
			if (invocation.taskName().equals("ordered")) {
				this.journal.add(this.name + ".after");
			}
		}

	}

	@Order(2)
	static class SecondGlobal extends JournalMiddleware {

		SecondGlobal(Journal journal) {
			super(journal, "second");
		}

	}

	static class FirstGlobal extends JournalMiddleware implements Ordered {

		FirstGlobal(Journal journal) {
			super(journal, "first");
		}

		@Override
		public int getOrder() {
			return 1;
		}

	}

	/**
	 * Per-task; not a bean, created with its journal autowired.
	 */
	static class TaskOne extends JournalMiddleware {

		TaskOne(Journal journal) {
			super(journal, "taskOne");
		}

	}

	/**
	 * Per-task; not a bean.
	 */
	static class TaskTwo extends JournalMiddleware {

		TaskTwo(Journal journal) {
			super(journal, "taskTwo");
		}

	}

	/**
	 * Upper-cases the first argument and adds an exclamation mark as a kwarg.
	 */
	static class ShoutArguments implements TaskMiddleware {

		@Override
		public void before(TaskInvocation invocation) {
			invocation.args().set(0, ((String) invocation.args().get(0)).toUpperCase(java.util.Locale.ROOT));
			invocation.kwargs().put("punctuation", "!");
		}

	}

	/**
	 * Wraps the result in a map.
	 */
	static class WrapResult implements TaskMiddleware {

		@Override
		public void after(TaskInvocation invocation) {
			invocation.setResult(Map.of("greeting", invocation.getResult()));
		}

	}

	/**
	 * A global bean that the task "counted" also names per task.
	 */
	static class CountingMiddleware implements TaskMiddleware {

		final AtomicInteger before = new AtomicInteger();

		final AtomicInteger after = new AtomicInteger();

		@Override
		public void before(TaskInvocation invocation) {
			if (invocation.taskName().equals("counted")) {
				this.before.incrementAndGet();
			}
		}

		@Override
		public void after(TaskInvocation invocation) {
			if (invocation.taskName().equals("counted")) {
				this.after.incrementAndGet();
			}
		}

	}

	/**
	 * Refuses every call of the task it is named on.
	 */
	static class Quota implements TaskMiddleware {

		@Override
		public void before(TaskInvocation invocation) {
			throw new IllegalStateException("quota exceeded for " + invocation.taskName());
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class MiddlewareConfiguration {

		@Bean
		Journal journal() {
			return new Journal();
		}

		// declared second-first so that only the order decides
		@Bean
		SecondGlobal secondGlobal(Journal journal) {
			return new SecondGlobal(journal);
		}

		@Bean
		FirstGlobal firstGlobal(Journal journal) {
			return new FirstGlobal(journal);
		}

		@Bean
		CountingMiddleware countingMiddleware() {
			return new CountingMiddleware();
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class MiddlewareTasks {

		final AtomicInteger refusedCalls = new AtomicInteger();

		private final AtomicInteger countedCalls = new AtomicInteger();

		private final Journal journal;

		MiddlewareTasks(Journal journal) {
			this.journal = journal;
		}

		@QTask(name = "ordered", middlewaresBefore = { TaskOne.class, TaskTwo.class },
				middlewaresAfter = { TaskTwo.class, TaskOne.class })
		public void ordered() {
			this.journal.add("call");
		}

		@QTask(name = "greet", middlewaresBefore = ShoutArguments.class, middlewaresAfter = WrapResult.class)
		public String greet(String name, String punctuation) {
			return "Hello, " + name + punctuation;
		}

		@QTask(name = "counted", retry = 1, middlewaresBefore = CountingMiddleware.class,
				middlewaresAfter = CountingMiddleware.class)
		public void counted() {
			if (this.countedCalls.incrementAndGet() == 1) {
				throw new IllegalStateException("first attempt fails");
			}
		}

		@QTask(name = "refused", retry = 1, middlewaresBefore = Quota.class)
		public void refused() {
			this.refusedCalls.incrementAndGet();
		}

	}

}
