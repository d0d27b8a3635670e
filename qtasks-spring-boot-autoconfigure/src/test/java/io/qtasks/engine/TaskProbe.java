package io.qtasks.engine;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Shared between the test tasks and the test, across application contexts: records which
 * node started what, and holds tasks until the test lets them go.
 *
 * @author QTasks contributors
 */
public class TaskProbe {

	private final List<Start> starts = new CopyOnWriteArrayList<>();

	private final Map<String, CountDownLatch> gates = new ConcurrentHashMap<>();

	private final Map<String, CountDownLatch> arrivals = new ConcurrentHashMap<>();

	private final Map<String, AtomicInteger> runs = new ConcurrentHashMap<>();

	private volatile CyclicBarrier barrier;

	void started(String node, String label) {
		this.starts.add(new Start(node, label));
		this.runs.computeIfAbsent(label, (key) -> new AtomicInteger()).incrementAndGet();
		arrival(label).countDown();
	}

	/**
	 * Holds the first run of a label until {@link #open(String)}; later runs pass.
	 * @param label the label
	 * @return whether this run was held
	 * @throws InterruptedException when the run is interrupted while held
	 */
	boolean holdFirstRun(String label) throws InterruptedException {
		if (this.runs.get(label).get() > 1) {
			return false;
		}
		if (!gate(label).await(1, TimeUnit.MINUTES)) {
			throw new IllegalStateException("The test never opened the gate of " + label);
		}
		return true;
	}

	void awaitBarrier() throws Exception {
		this.barrier.await(30, TimeUnit.SECONDS);
	}

	/**
	 * Makes tasks calling the barrier wait for each other in groups.
	 * @param parties how many tasks meet at the barrier
	 */
	public void useBarrier(int parties) {
		this.barrier = new CyclicBarrier(parties);
	}

	/**
	 * Lets the held run of a label go on.
	 * @param label the label
	 */
	public void open(String label) {
		gate(label).countDown();
	}

	/**
	 * Waits until a run of the label has started.
	 * @param label the label
	 * @param timeout how long at most
	 * @return whether it started
	 * @throws InterruptedException when interrupted
	 */
	public boolean awaitStart(String label, Duration timeout) throws InterruptedException {
		return arrival(label).await(timeout.toMillis(), TimeUnit.MILLISECONDS);
	}

	/**
	 * The runs started so far, in order.
	 * @return the starts
	 */
	public List<Start> starts() {
		return List.copyOf(this.starts);
	}

	/**
	 * How many times a label was run.
	 * @param label the label
	 * @return the count
	 */
	public int runs(String label) {
		AtomicInteger count = this.runs.get(label);
		return (count != null) ? count.get() : 0;
	}

	private CountDownLatch gate(String label) {
		return this.gates.computeIfAbsent(label, (key) -> new CountDownLatch(1));
	}

	private CountDownLatch arrival(String label) {
		return this.arrivals.computeIfAbsent(label, (key) -> new CountDownLatch(1));
	}

	/**
	 * One run's start.
	 *
	 * @param node the node that ran it
	 * @param label the task's label
	 */
	public record Start(String node, String label) {

	}

}
