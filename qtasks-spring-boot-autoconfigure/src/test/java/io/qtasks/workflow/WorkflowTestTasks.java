package io.qtasks.workflow;

import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import io.qtasks.annotation.QTask;

/**
 * Arithmetic for the workflow tests: {@code num} answers its argument, {@code add} and
 * {@code mul} combine two numbers, {@code sum} adds up a list, {@code count} counts what
 * is not {@code null} in one, {@code boom} fails, and {@code gate} waits until the test
 * opens it.
 *
 * @author QTasks contributors
 */
public class WorkflowTestTasks {

	private final CountDownLatch gate = new CountDownLatch(1);

	@QTask(name = "num")
	public int num(int value) {
		return value;
	}

	@QTask(name = "add")
	public int add(int a, int b) {
		return a + b;
	}

	@QTask(name = "mul")
	public int mul(int a, int b) {
		return a * b;
	}

	@QTask(name = "sum")
	public int sum(List<Integer> values) {
		return values.stream().mapToInt(Integer::intValue).sum();
	}

	@QTask(name = "count")
	public long count(List<Integer> values) {
		return values.stream().filter(java.util.Objects::nonNull).count();
	}

	@QTask(name = "boom")
	public int boom(int value) {
		throw new IllegalStateException("boom at " + value);
	}

	@QTask(name = "gate")
	public int gate(int value) throws InterruptedException {
		if (!this.gate.await(30, TimeUnit.SECONDS)) {
			throw new IllegalStateException("the gate was never opened");
		}
		return value;
	}

	/**
	 * Lets every {@code gate} task finish.
	 */
	public void open() {
		this.gate.countDown();
	}

}
