package io.qtasks.benchmarks.jobrunr;

import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import org.jobrunr.jobs.Job;
import org.jobrunr.jobs.filters.ApplyStateFilter;
import org.jobrunr.jobs.states.FailedState;
import org.jobrunr.jobs.states.JobState;
import org.jobrunr.jobs.states.SucceededState;

/**
 * What the no-op jobs and JobRunr's state changes report to the harness. As a state
 * filter it hears of each {@code SUCCEEDED} state after JobRunr stored it, the JobRunr
 * counterpart of QTasks' {@code success} record.
 *
 * @author QTasks contributors
 */
final class JobRunrProbe implements ApplyStateFilter {

	private final AtomicLong runs = new AtomicLong();

	private final BlockingQueue<Long> starts = new LinkedBlockingQueue<>();

	private final AtomicReference<String> failure = new AtomicReference<>();

	private volatile CountDownLatch succeeded = new CountDownLatch(0);

	void ran() {
		// The same small work as QTasks' counted task; JobRunr's completion is heard in
		// onStateApplied.
		this.runs.incrementAndGet();
	}

	void started(long nanoTime) {
		this.starts.add(nanoTime);
	}

	Long awaitStart(Duration timeout) throws InterruptedException {
		return this.starts.poll(timeout.toNanos(), TimeUnit.NANOSECONDS);
	}

	void expect(int jobs) {
		this.succeeded = new CountDownLatch(jobs);
	}

	boolean awaitSucceeded(Duration timeout) throws InterruptedException {
		return this.succeeded.await(timeout.toNanos(), TimeUnit.NANOSECONDS);
	}

	long missing() {
		return this.succeeded.getCount();
	}

	String failure() {
		return this.failure.get();
	}

	@Override
	public void onStateApplied(Job job, JobState oldState, JobState newState) {
		if (newState instanceof SucceededState) {
			this.succeeded.countDown();
		}
		else if (newState instanceof FailedState failed) {
			this.failure.compareAndSet(null, failed.getExceptionType() + ": " + failed.getExceptionMessage());
		}
	}

}
