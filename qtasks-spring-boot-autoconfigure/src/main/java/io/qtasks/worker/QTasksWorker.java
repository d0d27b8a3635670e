package io.qtasks.worker;

import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.core.NestedExceptionUtils;
import org.springframework.core.task.SimpleAsyncTaskExecutor;
import org.springframework.scheduling.concurrent.CustomizableThreadFactory;
import org.springframework.util.StringUtils;

import io.qtasks.broker.TaskBroker;
import io.qtasks.broker.TaskDelivery;
import io.qtasks.context.TaskRun;
import io.qtasks.definition.TaskDefinition;
import io.qtasks.definition.TaskDefinitionRegistry;

/**
 * Takes tasks from the broker and runs them, never more at once than its concurrency: a
 * dispatcher thread claims only as many tasks as there are free slots, and each task runs
 * on its {@code executor} bean or on the worker pool. A task holds its slot until it
 * ends, whichever executor runs it, so the concurrency bounds custom executors too.
 * Started and stopped with the application context; stopping waits for running tasks up
 * to the shutdown timeout, then interrupts them and hands them back to the broker.
 *
 * @author QTasks contributors
 */
public class QTasksWorker implements SmartLifecycle {

	/**
	 * The lifecycle phase: the worker stops before the web server and the connections it
	 * writes through.
	 */
	public static final int PHASE = SmartLifecycle.DEFAULT_PHASE - 512;

	private static final Logger logger = LoggerFactory.getLogger(QTasksWorker.class);

	private static final Duration RECEIVE_TIMEOUT = Duration.ofSeconds(1);

	private static final String POOL_THREAD_PREFIX = "qtasks-worker-";

	private static final Duration BROKER_FAILURE_PAUSE = Duration.ofSeconds(1);

	private static final Duration BROKER_FAILURE_REMINDER = Duration.ofMinutes(1);

	private static final String HOST = hostName();

	private final String id = HOST + ":" + ManagementFactory.getRuntimeMXBean().getPid() + ":"
			+ UUID.randomUUID().toString().substring(0, 8);

	private final TaskBroker broker;

	private final TaskProcessor processor;

	private final TaskDefinitionRegistry registry;

	private final Function<String, Executor> executorLookup;

	private final int concurrency;

	private final Duration shutdownTimeout;

	private final RunningTasks running = new RunningTasks();

	private final Semaphore slots;

	private final Map<String, Executor> executors = new ConcurrentHashMap<>();

	private final Object lifecycleMonitor = new Object();

	private volatile boolean active;

	private volatile BrokerFailure brokerFailure;

	private Instant lastBrokerFailureLog;

	private boolean virtualThreads;

	private Thread dispatcher;

	private Executor pool;

	private Runnable poolShutdown;

	/**
	 * Creates a worker.
	 * @param broker where tasks come from
	 * @param processor runs each task
	 * @param registry the known tasks (for their executors)
	 * @param executorLookup finds an {@code Executor} bean by name
	 * @param concurrency how many tasks run at once at most
	 * @param shutdownTimeout how long stopping waits for running tasks
	 */
	public QTasksWorker(TaskBroker broker, TaskProcessor processor, TaskDefinitionRegistry registry,
			Function<String, Executor> executorLookup, int concurrency, Duration shutdownTimeout) {
		if (concurrency < 1) {
			throw new IllegalArgumentException("qtasks.worker.concurrency must be at least 1, was " + concurrency);
		}
		this.broker = broker;
		this.processor = processor;
		this.registry = registry;
		this.executorLookup = executorLookup;
		this.concurrency = concurrency;
		this.shutdownTimeout = shutdownTimeout;
		this.slots = new Semaphore(concurrency);
		broker.addCancelRequestListener(this.running);
	}

	/**
	 * Runs tasks that name no executor on virtual threads (JDK 21+) instead of a fixed
	 * pool of platform threads. Either way the threads are named {@code qtasks-worker-N}
	 * and at most the concurrency of them run tasks at once. Takes effect on the next
	 * start.
	 * @param virtualThreads whether to use virtual threads
	 */
	public void setVirtualThreads(boolean virtualThreads) {
		this.virtualThreads = virtualThreads;
	}

	/**
	 * This worker's identity: host, process id and a random suffix.
	 * @return the id
	 */
	public String getId() {
		return this.id;
	}

	/**
	 * The name of the host this worker runs on.
	 * @return the host name
	 */
	public String getHost() {
		return HOST;
	}

	/**
	 * How many tasks this worker runs at once at most.
	 * @return the concurrency
	 */
	public int getConcurrency() {
		return this.concurrency;
	}

	/**
	 * How many tasks this worker runs now.
	 * @return the count
	 */
	public int getInFlight() {
		return this.running.size();
	}

	/**
	 * Whether the dispatcher currently fails to receive tasks from the broker, for health
	 * checks: present from the first failed attempt until the next successful one.
	 * @return the failure, or empty while the broker answers
	 */
	public Optional<BrokerFailure> getBrokerFailure() {
		return Optional.ofNullable(this.brokerFailure);
	}

	@Override
	public void start() {
		synchronized (this.lifecycleMonitor) {
			if (this.active) {
				return;
			}
			createPool();
			this.brokerFailure = null;
			this.active = true;
			this.dispatcher = new Thread(this::dispatch, "qtasks-dispatcher");
			this.dispatcher.start();
			logger.info("QTasks worker {} started on the {} broker with concurrency {} and tasks {}", this.id,
					this.broker.type(), this.concurrency, this.registry.getNames());
		}
	}

	@Override
	public void stop() {
		synchronized (this.lifecycleMonitor) {
			if (!this.active) {
				return;
			}
			this.active = false;
			this.dispatcher.interrupt();
			joinDispatcher();
			drain();
			this.poolShutdown.run();
			logger.info("QTasks worker {} stopped", this.id);
		}
	}

	@Override
	public boolean isRunning() {
		return this.active;
	}

	@Override
	public int getPhase() {
		return PHASE;
	}

	private void createPool() {
		if (this.virtualThreads) {
			// the worker's slots bound concurrency; SimpleAsyncTaskExecutor creates
			// virtual
			// threads reflectively, so this compiles for Java 17
			SimpleAsyncTaskExecutor executor = new SimpleAsyncTaskExecutor(POOL_THREAD_PREFIX);
			executor.setVirtualThreads(true);
			this.pool = executor;
			this.poolShutdown = executor::close;
		}
		else {
			ExecutorService executor = Executors.newFixedThreadPool(this.concurrency,
					new CustomizableThreadFactory(POOL_THREAD_PREFIX));
			this.pool = executor;
			this.poolShutdown = executor::shutdown;
		}
	}

	private void dispatch() {
		while (this.active) {
			int claimable;
			try {
				this.slots.acquire();
				claimable = 1 + this.slots.drainPermits();
			}
			catch (InterruptedException ex) {
				continue;
			}
			List<TaskDelivery> deliveries;
			try {
				deliveries = this.broker.receive(claimable, RECEIVE_TIMEOUT);
			}
			catch (InterruptedException ex) {
				this.slots.release(claimable);
				continue;
			}
			catch (RuntimeException ex) {
				this.slots.release(claimable);
				brokerFailed(ex);
				pause();
				continue;
			}
			if (this.brokerFailure != null) {
				brokerRecovered();
			}
			this.slots.release(claimable - deliveries.size());
			deliveries.forEach(this::submit);
		}
	}

	private void submit(TaskDelivery delivery) {
		submit(delivery, executorFor(delivery));
	}

	/**
	 * Hands a claimed task, and the slot claimed for it, to its executor.
	 */
	private void submit(TaskDelivery delivery, Executor executor) {
		try {
			executor.execute(() -> runFrom(delivery, executor));
		}
		catch (RejectedExecutionException ex) {
			this.slots.release();
			logger.warn("The executor of task {} ({}) rejected it; it goes back to the queue", delivery.task().uuid(),
					delivery.task().taskName(), ex);
			delivery.release();
		}
	}

	/**
	 * Runs a task, then, keeping its slot, claims and runs the next queued one on this
	 * thread while there is one for the same executor: under load a slot goes from task
	 * to task without a trip through the dispatcher. The slot is released when the queue
	 * is empty, or goes with a task for another executor.
	 */
	private void runFrom(TaskDelivery first, Executor executor) {
		TaskDelivery delivery = first;
		while (true) {
			process(delivery);
			TaskDelivery next = this.active ? claimNext() : null;
			if (next == null) {
				this.slots.release();
				return;
			}
			Executor nextExecutor = executorFor(next);
			if (nextExecutor != executor) {
				submit(next, nextExecutor);
				return;
			}
			delivery = next;
		}
	}

	private void process(TaskDelivery delivery) {
		TaskRun run = this.running.register(delivery.task().uuid());
		try {
			this.processor.process(delivery, run);
		}
		catch (RuntimeException | Error ex) {
			logger.error("Task {} could not be processed", run.uuid(), ex);
		}
		finally {
			this.running.remove(run);
		}
	}

	private TaskDelivery claimNext() {
		try {
			List<TaskDelivery> next = this.broker.receive(1, Duration.ZERO);
			return next.isEmpty() ? null : next.get(0);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return null;
		}
		catch (RuntimeException ex) {
			// the dispatcher reports broker failures and retries; this thread just stops
			// looking
			return null;
		}
	}

	private Executor executorFor(TaskDelivery delivery) {
		return executorFor(delivery.task().taskName());
	}

	private Executor executorFor(String taskName) {
		String executorName = this.registry.find(taskName).map(TaskDefinition::executor).orElse("");
		if (!StringUtils.hasLength(executorName)) {
			return this.pool;
		}
		return this.executors.computeIfAbsent(executorName, this.executorLookup);
	}

	private void joinDispatcher() {
		try {
			this.dispatcher.join(RECEIVE_TIMEOUT.multipliedBy(5).toMillis());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	private void drain() {
		try {
			if (this.slots.tryAcquire(this.concurrency, this.shutdownTimeout.toMillis(), TimeUnit.MILLISECONDS)) {
				this.slots.release(this.concurrency);
				return;
			}
			logger.warn("QTasks worker {}: {} task(s) still running after {}; interrupting them", this.id,
					this.running.size(), this.shutdownTimeout);
			this.running.stopAll();
			if (this.slots.tryAcquire(this.concurrency, RECEIVE_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
				this.slots.release(this.concurrency);
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			this.running.stopAll();
		}
	}

	/**
	 * The first failure in a row is an error with its stack trace; while it lasts, a
	 * reminder without one at most every {@link #BROKER_FAILURE_REMINDER}.
	 */
	private void brokerFailed(RuntimeException failure) {
		Instant now = Instant.now();
		BrokerFailure previous = this.brokerFailure;
		this.brokerFailure = new BrokerFailure((previous != null) ? previous.since() : now, failure);
		if (previous == null) {
			this.lastBrokerFailureLog = now;
			logger.error("QTasks worker {} cannot receive tasks from the {} broker; trying again every {}", this.id,
					this.broker.type(), BROKER_FAILURE_PAUSE, failure);
		}
		else if (!now.isBefore(this.lastBrokerFailureLog.plus(BROKER_FAILURE_REMINDER))) {
			this.lastBrokerFailureLog = now;
			logger.warn("QTasks worker {} still cannot receive tasks from the {} broker (since {}): {}", this.id,
					this.broker.type(), previous.since(),
					NestedExceptionUtils.getMostSpecificCause(failure).toString());
		}
	}

	private void brokerRecovered() {
		logger.info("QTasks worker {} receives tasks from the {} broker again (it could not since {})", this.id,
				this.broker.type(), this.brokerFailure.since());
		this.brokerFailure = null;
	}

	private void pause() {
		try {
			Thread.sleep(BROKER_FAILURE_PAUSE.toMillis());
		}
		catch (InterruptedException ex) {
			// woken by stop(): the loop re-checks the flag
		}
	}

	private static String hostName() {
		try {
			return InetAddress.getLocalHost().getHostName();
		}
		catch (UnknownHostException ex) {
			return "unknown-host";
		}
	}

}
