package io.qtasks.worker;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

import org.jspecify.annotations.Nullable;

import org.springframework.core.task.SimpleAsyncTaskExecutor;
import org.springframework.scheduling.concurrent.CustomizableThreadFactory;
import org.springframework.util.StringUtils;

import io.qtasks.definition.TaskDefinition;
import io.qtasks.definition.TaskDefinitionRegistry;

/**
 * The executors tasks run on: the worker pool ({@code qtasks-worker-N} threads, platform
 * or virtual), or the {@code Executor} bean a task's {@code executor} attribute names.
 *
 * @author QTasks contributors
 */
final class TaskExecutors {

	private static final String POOL_THREAD_PREFIX = "qtasks-worker-";

	private final TaskDefinitionRegistry registry;

	private final Function<String, Executor> lookup;

	private final Map<String, Executor> named = new ConcurrentHashMap<>();

	private final int concurrency;

	private final boolean virtualThreads;

	private volatile @Nullable Executor pool;

	private @Nullable Runnable poolShutdown;

	TaskExecutors(TaskDefinitionRegistry registry, Function<String, Executor> lookup, int concurrency,
			boolean virtualThreads) {
		this.registry = registry;
		this.lookup = lookup;
		this.concurrency = concurrency;
		this.virtualThreads = virtualThreads;
	}

	synchronized void start() {
		if (this.virtualThreads) {
			// the worker's slots bound concurrency; SimpleAsyncTaskExecutor creates
			// virtual threads reflectively, so this compiles for Java 17
			SimpleAsyncTaskExecutor executor = new SimpleAsyncTaskExecutor(POOL_THREAD_PREFIX);
			executor.setVirtualThreads(true);
			this.pool = executor;
			this.poolShutdown = executor::close;
		}
		else {
			// the worker's slots bound the runs to the concurrency; one thread more
			// claims (the leader), and threads beyond that start only for async runs
			// that gave their slot back while they wait for a value
			ExecutorService executor = new ThreadPoolExecutor(this.concurrency, Integer.MAX_VALUE, 60, TimeUnit.SECONDS,
					new SynchronousQueue<>(), new CustomizableThreadFactory(POOL_THREAD_PREFIX));
			this.pool = executor;
			this.poolShutdown = executor::shutdown;
		}
	}

	synchronized void shutdown() {
		if (this.poolShutdown != null) {
			this.poolShutdown.run();
			this.poolShutdown = null;
		}
	}

	/**
	 * The executor of a task.
	 * @param taskName the task's name
	 * @return its named executor, or the worker pool
	 */
	Executor forTask(String taskName) {
		String executorName = this.registry.find(taskName).map(TaskDefinition::executor).orElse("");
		if (!StringUtils.hasLength(executorName)) {
			return pool();
		}
		return this.named.computeIfAbsent(executorName, this.lookup);
	}

	/**
	 * The worker pool, whose threads also take turns at claiming.
	 * @return the pool
	 */
	Executor pool() {
		Executor pool = this.pool;
		if (pool == null) {
			throw new IllegalStateException("The worker pool is not started");
		}
		return pool;
	}

}
