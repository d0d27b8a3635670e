package io.qtasks.benchmarks.jobrunr;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.jobrunr.configuration.JobRunr;
import org.jobrunr.scheduling.JobScheduler;
import org.jobrunr.server.BackgroundJobServerConfiguration;
import org.jobrunr.server.JobActivator;
import org.jobrunr.storage.InMemoryStorageProvider;
import org.jobrunr.utils.mapper.jackson3.Jackson3JsonMapper;

import io.qtasks.benchmarks.BenchmarkContext;
import io.qtasks.benchmarks.BenchmarkOptions;
import io.qtasks.benchmarks.Pacing;
import io.qtasks.benchmarks.result.LatencyFigure;
import io.qtasks.benchmarks.result.LatencySamples;
import io.qtasks.benchmarks.result.Outcome;
import io.qtasks.benchmarks.result.SystemUnderTest;
import io.qtasks.benchmarks.result.ThroughputRounds;

/**
 * The JobRunr peer: plain JobRunr core with its {@link InMemoryStorageProvider}, the
 * Jackson 3 mapper, a background job server with the same worker count as the QTasks
 * worker, and the poll interval at the smallest value JobRunr accepts for in-memory
 * storage. Jobs are enqueued one by one through {@link JobScheduler#enqueue}, as QTasks
 * tasks are. The InMemoryStorageProvider scans and sorts every stored job on each fetch
 * of work, so JobRunr slows down as the backlog grows; throughput rounds are therefore
 * capped at the peer timeout.
 *
 * @author QTasks contributors
 */
public final class JobRunrBenchmarks {

	/**
	 * The smallest poll interval JobRunr 8 accepts for the InMemoryStorageProvider (it
	 * rejects anything shorter); its default is 15 s.
	 */
	public static final Duration POLL_INTERVAL = Duration.ofMillis(200);

	private static final Duration WAIT = Duration.ofSeconds(30);

	/**
	 * Tasks run before a measurement starts, so the worker is up and its path warm.
	 */
	private static final int READY_BATCH = 100;

	private static final int WARM_UP_MAX = 2_000;

	/**
	 * The backlog of the second throughput figure: JobRunr's in-memory storage slows down
	 * as its backlog grows, so it is measured at this size too when the run's N is
	 * larger.
	 */
	public static final int SMALL_BACKLOG = 10_000;

	private final BenchmarkContext context;

	private final BenchmarkOptions options;

	/**
	 * Creates the suite.
	 * @param context the run
	 */
	public JobRunrBenchmarks(BenchmarkContext context) {
		this.context = context;
		this.options = context.options();
	}

	/**
	 * Records the JobRunr version and how it is configured.
	 */
	public void describe() {
		String version = JobRunr.class.getPackage().getImplementationVersion();
		this.context.results().environment("JobRunr", (version != null) ? version : "unknown");
		this.context.results()
			.methodNote("JobRunr: core only, InMemoryStorageProvider, Jackson3JsonMapper, one job at a time through"
					+ " JobScheduler.enqueue, worker count = concurrency, poll interval " + POLL_INTERVAL.toMillis()
					+ " ms (the smallest JobRunr accepts for in-memory storage; its default is 15 s). A job counts as"
					+ " done when JobRunr has stored its SUCCEEDED state (ApplyStateFilter). Its pickup jobs are spaced by a"
					+ " random pause of 1 ms to one poll interval, so they fall at random points of the poll cycle."
					+ " The InMemoryStorageProvider"
					+ " scans and sorts all stored jobs on every fetch of work, so JobRunr slows down as the backlog"
					+ " grows: a throughput round stops after " + this.options.peerTimeout().toSeconds() + " s"
					+ " (--peer-timeout) and reports the jobs that succeeded by then, which flatters JobRunr.");
	}

	/**
	 * Throughput at every configured concurrency, at the run's N and, when that is
	 * larger, at {@value #SMALL_BACKLOG}: a warm-up round, then the peer rounds, each on
	 * a fresh JobRunr. A round stops at the peer timeout and then reports the jobs that
	 * succeeded by then.
	 */
	public void throughput() {
		throughput(SystemUnderTest.JOBRUNR, this.options.n());
		if (this.options.n() > SMALL_BACKLOG) {
			throughput(SystemUnderTest.JOBRUNR_SMALL_BACKLOG, SMALL_BACKLOG);
			this.context.results()
				.methodNote(String.format("JobRunr's throughput is measured at N = %,d and again at N = %,d: its "
						+ "in-memory storage slows down as its backlog grows, so the smaller size is the fairer one "
						+ "to it; the × JobRunr columns compare at the same N as ours.", this.options.n(),
						SMALL_BACKLOG));
		}
	}

	private void throughput(SystemUnderTest system, int n) {
		for (int concurrency : this.options.concurrency()) {
			this.context.log("JobRunr throughput, N = %,d, concurrency %d: warm-up", n, concurrency);
			try {
				throughputRound(concurrency, Math.max(1, Math.min(n / 10, WARM_UP_MAX)));
				ThroughputRounds rounds = new ThroughputRounds();
				for (int round = 1; round <= this.options.peerRounds(); round++) {
					Round measured = throughputRound(concurrency, n);
					rounds.add(measured.enqueuePerSecond(), measured.endToEndPerSecond(), measured.capped());
					this.context.log("  round %d: enqueue %,.0f/s, end to end %,.0f/s%s", round,
							measured.enqueuePerSecond(), measured.endToEndPerSecond(),
							(measured.capped() != null) ? " (" + measured.capped() + ")" : "");
				}
				this.context.results().throughput(system, concurrency, rounds.outcome("no round"));
			}
			catch (RuntimeException | InterruptedException ex) {
				failed("throughput", ex);
				this.context.results().throughput(system, concurrency, Outcome.missing("failed: " + ex));
			}
		}
	}

	private Round throughputRound(int concurrency, int n) throws InterruptedException {
		JobRunrProbe probe = new JobRunrProbe();
		JobScheduler scheduler = start(probe, concurrency);
		try {
			runBatch(scheduler, probe, readyBatch());
			probe.expect(n);
			long start = System.nanoTime();
			long deadline = start + this.options.peerTimeout().toNanos();
			int sent = 0;
			while (sent < n && ((sent & 255) != 0 || System.nanoTime() < deadline)) {
				scheduler.<NoopJob>enqueue((job) -> job.counted());
				sent++;
			}
			long enqueued = System.nanoTime();
			boolean all = (sent == n)
					&& probe.awaitSucceeded(Duration.ofNanos(Math.max(0, deadline - System.nanoTime())));
			long end = System.nanoTime();
			long succeeded = n - probe.missing();
			if (probe.failure() != null) {
				throw new IllegalStateException("a no-op job failed: " + probe.failure());
			}
			String capped = all ? null : String.format("capped at %ss: %,d of %,d jobs succeeded",
					this.options.peerTimeout().toSeconds(), succeeded, n);
			return new Round(sent / ((enqueued - start) / 1e9), succeeded / ((end - start) / 1e9), capped);
		}
		finally {
			JobRunr.destroy();
		}
	}

	private void runBatch(JobScheduler scheduler, JobRunrProbe probe, int n) throws InterruptedException {
		probe.expect(n);
		for (int i = 0; i < n; i++) {
			scheduler.<NoopJob>enqueue((job) -> job.counted());
		}
		if (!probe.awaitSucceeded(WAIT)) {
			throw new IllegalStateException("JobRunr did not run " + n + " warm-up jobs within " + WAIT
					+ ((probe.failure() != null) ? "; a job failed: " + probe.failure() : ""));
		}
	}

	/**
	 * Idle pickup: single jobs, each enqueued on an idle server after a random pause of
	 * up to one poll interval, from just before {@code enqueue} to the first line of the
	 * job method.
	 */
	public void pickup() {
		JobRunrProbe probe = new JobRunrProbe();
		try {
			JobScheduler scheduler = start(probe, this.options.latencyConcurrency());
			runBatch(scheduler, probe, readyBatch());
			List<LatencySamples> rounds = new ArrayList<>();
			for (int round = 1; round <= this.options.peerRounds(); round++) {
				LatencySamples samples = pickupRound(scheduler, probe, this.options.jobRunrPickupSamples());
				rounds.add(samples);
				this.context.log("JobRunr idle pickup, round %d: p50 %.3f ms, p99 %.3f ms, max %.3f ms", round,
						samples.percentileMillis(50), samples.percentileMillis(99), samples.maxMillis());
			}
			this.context.results().pickup(SystemUnderTest.JOBRUNR, Outcome.of(LatencyFigure.of(rounds)));
		}
		catch (RuntimeException | InterruptedException ex) {
			failed("idle pickup", ex);
			this.context.results().pickup(SystemUnderTest.JOBRUNR, Outcome.missing("failed: " + ex));
		}
		finally {
			JobRunr.destroy();
		}
	}

	private LatencySamples pickupRound(JobScheduler scheduler, JobRunrProbe probe, int samples)
			throws InterruptedException {
		long[] nanos = new long[samples];
		for (int i = 0; i < samples; i++) {
			// Enqueues right after a job ended would fall just after a poll and always
			// wait a whole
			// interval; random pauses up to one interval spread them over the poll cycle.
			Pacing.pause(POLL_INTERVAL);
			probe.expect(1);
			long enqueued = System.nanoTime();
			scheduler.<NoopJob>enqueue((job) -> job.pickup());
			Long started = probe.awaitStart(WAIT);
			if (started == null || !probe.awaitSucceeded(WAIT)) {
				throw new IllegalStateException("A JobRunr pickup job did not run within " + WAIT);
			}
			nanos[i] = started - enqueued;
		}
		return new LatencySamples(nanos);
	}

	private static JobScheduler start(JobRunrProbe probe, int workers) {
		NoopJob job = new NoopJob(probe);
		JobActivator activator = new JobActivator() {

			@Override
			public <T> T activateJob(Class<T> type) {
				return type.isInstance(job) ? type.cast(job) : null;
			}

		};
		return JobRunr.configure()
			.useJsonMapper(new Jackson3JsonMapper())
			.useStorageProvider(new InMemoryStorageProvider())
			.useJobActivator(activator)
			.withJobFilter(probe)
			.useBackgroundJobServer(BackgroundJobServerConfiguration.usingStandardBackgroundJobServerConfiguration()
				.andWorkerCount(workers)
				.andPollInterval(POLL_INTERVAL))
			.initialize()
			.getJobScheduler();
	}

	private int readyBatch() {
		return Math.max(1, Math.min(READY_BATCH, this.options.n() / 10));
	}

	private void failed(String figure, Exception ex) {
		if (ex instanceof InterruptedException) {
			Thread.currentThread().interrupt();
		}
		this.context.log("JobRunr %s failed: %s", figure, ex);
	}

	private record Round(double enqueuePerSecond, double endToEndPerSecond, String capped) {

	}

}
