package io.qtasks.benchmarks.result;

import java.util.List;

/**
 * The heap of a worker node while tasks pile up in its broker: used heap after a full GC,
 * measured before and after each batch of pending tasks.
 *
 * @param steps the measurements, the first with no pending task
 * @param flatLimitBytesPerTask the growth per pending task up to which the heap counts as
 * flat
 * @author QTasks contributors
 */
public record FootprintFigure(List<Step> steps, long flatLimitBytesPerTask) {

	/**
	 * How much the heap grew from the first step to the last.
	 * @return the growth in bytes (negative when it shrank)
	 */
	public long growthBytes() {
		return this.steps.get(this.steps.size() - 1).usedHeapBytes() - this.steps.get(0).usedHeapBytes();
	}

	/**
	 * How many pending tasks the last step had.
	 * @return the count
	 */
	public long pendingTasks() {
		return this.steps.get(this.steps.size() - 1).pendingTasks();
	}

	/**
	 * The growth per pending task.
	 * @return bytes per task (negative when the heap shrank)
	 */
	public double bytesPerPendingTask() {
		return (double) growthBytes() / Math.max(1, pendingTasks());
	}

	/**
	 * Whether the heap stayed flat: grew by no more than the limit per pending task, with
	 * 4 MiB allowed for GC noise however few tasks were pending.
	 * @return {@code true} when flat
	 */
	public boolean flat() {
		return growthBytes() <= Math.max(4L * 1024 * 1024, this.flatLimitBytesPerTask * pendingTasks());
	}

	/**
	 * One measurement.
	 *
	 * @param pendingTasks tasks waiting in the broker
	 * @param usedHeapBytes used heap after a full GC
	 */
	public record Step(long pendingTasks, long usedHeapBytes) {

	}

}
