package io.qtasks.flow;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/**
 * What the flow test tasks saw, shared by every node of a test: runs of a capped task
 * counted by a counter that may live outside the JVM (Redis {@code INCR}/{@code DECR}),
 * with the highest count seen; start instants; which node ran what; and gates that hold
 * runs until the test opens them.
 *
 * @author QTasks contributors
 */
public class FlowRecorder {

	private final LongSupplier enter;

	private final LongSupplier exit;

	private final AtomicLong highest = new AtomicLong();

	private final Map<String, AtomicLong> runningByGroup = new ConcurrentHashMap<>();

	private final Map<String, AtomicLong> highestByGroup = new ConcurrentHashMap<>();

	private final List<Instant> starts = new CopyOnWriteArrayList<>();

	private final List<Run> runs = new CopyOnWriteArrayList<>();

	private final Map<String, CountDownLatch> gates = new ConcurrentHashMap<>();

	/**
	 * A recorder counting capped runs in this JVM.
	 */
	public FlowRecorder() {
		this(new AtomicLong());
	}

	private FlowRecorder(AtomicLong running) {
		this(running::incrementAndGet, running::decrementAndGet);
	}

	/**
	 * A recorder counting capped runs with the given counter.
	 * @param enter adds a run and returns the count
	 * @param exit takes a run off and returns the count
	 */
	public FlowRecorder(LongSupplier enter, LongSupplier exit) {
		this.enter = enter;
		this.exit = exit;
	}

	void capped(Duration duration) throws InterruptedException {
		long running = this.enter.getAsLong();
		this.highest.accumulateAndGet(running, Math::max);
		try {
			Thread.sleep(duration.toMillis());
		}
		finally {
			this.exit.getAsLong();
		}
	}

	void started() {
		this.starts.add(Instant.now());
	}

	void ran(String node, String label) {
		this.runs.add(new Run(node, label));
	}

	/**
	 * Holds a run of a group until its label's gate opens, counting the runs of the group
	 * at once.
	 */
	void held(String group, String node, String label) throws InterruptedException {
		long running = this.runningByGroup.computeIfAbsent(group, (key) -> new AtomicLong()).incrementAndGet();
		this.highestByGroup.computeIfAbsent(group, (key) -> new AtomicLong()).accumulateAndGet(running, Math::max);
		ran(node, label);
		try {
			if (!gate(label).await(1, TimeUnit.MINUTES)) {
				throw new IllegalStateException("The test never opened the gate of " + label);
			}
		}
		finally {
			this.runningByGroup.get(group).decrementAndGet();
		}
	}

	public void open(String label) {
		gate(label).countDown();
	}

	public long highestCapped() {
		return this.highest.get();
	}

	public long highestHeld(String group) {
		AtomicLong highest = this.highestByGroup.get(group);
		return (highest != null) ? highest.get() : 0;
	}

	public List<Instant> starts() {
		return new ArrayList<>(this.starts);
	}

	public List<Run> runs() {
		return new ArrayList<>(this.runs);
	}

	public boolean hasRun(String label) {
		return this.runs.stream().anyMatch((run) -> run.label().equals(label));
	}

	private CountDownLatch gate(String label) {
		return this.gates.computeIfAbsent(label, (key) -> new CountDownLatch(1));
	}

	/**
	 * A run of a task.
	 *
	 * @param node the node that ran it
	 * @param label its label
	 */
	public record Run(String node, String label) {

	}

}
