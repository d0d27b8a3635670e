package io.qtasks.execution;

import java.time.Duration;
import java.util.concurrent.Future;

import org.jspecify.annotations.Nullable;

import io.qtasks.context.TaskRun;
import io.qtasks.engine.ClaimLostException;
import io.qtasks.engine.EngineWriteException;
import io.qtasks.engine.TaskTransitions;
import io.qtasks.invocation.TaskProgress;

/**
 * The progress of one attempt of a generator task: the count of elements produced,
 * written to the record at most once per interval. A count that changed within the
 * interval is written when it ends, by the timer, so that the record never lags for long.
 * A cancelled run is stopped between two elements.
 *
 * @author QTasks contributors
 */
final class ProgressReporter implements TaskProgress {

	private final TaskRecordWriter records;

	private final TaskTransitions transitions;

	private final TaskRun run;

	private final RunTimer timer;

	private final long intervalNanos;

	private int count;

	private int written = -1;

	private long writtenAt;

	private @Nullable Future<?> pendingWrite;

	private boolean closed;

	ProgressReporter(TaskRecordWriter records, TaskTransitions transitions, TaskRun run, RunTimer timer,
			Duration interval) {
		this.records = records;
		this.transitions = transitions;
		this.run = run;
		this.timer = timer;
		this.intervalNanos = interval.toNanos();
	}

	@Override
	public synchronized void produced(int count) {
		if (this.run.isStopRequested()) {
			throw this.run.stopException();
		}
		this.count = count;
		long sinceWrite = System.nanoTime() - this.writtenAt;
		if (this.written < 0 || sinceWrite >= this.intervalNanos) {
			writeNow();
		}
		else if (this.pendingWrite == null) {
			this.pendingWrite = this.timer.schedule(this::writeLate, Duration.ofNanos(this.intervalNanos - sinceWrite));
		}
	}

	synchronized int count() {
		return this.count;
	}

	synchronized void close() {
		this.closed = true;
		if (this.pendingWrite != null) {
			this.pendingWrite.cancel(false);
		}
	}

	private synchronized void writeLate() {
		this.pendingWrite = null;
		if (!this.closed && this.count != this.written) {
			try {
				writeNow();
			}
			catch (ClaimLostException | EngineWriteException ex) {
				// the run's own next write reports it
			}
		}
	}

	private void writeNow() {
		this.written = this.count;
		this.writtenAt = System.nanoTime();
		int progress = this.count;
		this.records.update((current) -> this.transitions.progressed(current, progress));
	}

}
