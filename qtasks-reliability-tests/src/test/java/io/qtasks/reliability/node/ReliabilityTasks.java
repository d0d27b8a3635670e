package io.qtasks.reliability.node;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.UUID;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.core.env.Environment;
import org.springframework.data.redis.core.StringRedisTemplate;

import io.qtasks.TaskContext;
import io.qtasks.annotation.Backoff;
import io.qtasks.annotation.QTask;

/**
 * The tasks of the reliability tests. Each leaves a side effect the tests count after the
 * fact, outside QTasks: {@code work} and {@code kill_point} add one to their uuid's field
 * in a Redis hash, {@code slow} writes marker files when it starts and when it ends,
 * {@code labelled}, {@code first_attempt_hangs} and {@code fails_everywhere} record the
 * node of each run in a Redis list.
 *
 * @author QTasks contributors
 */
public class ReliabilityTasks {

	private final TaskContext context;

	private final ObjectProvider<StringRedisTemplate> redis;

	private final String effectsKey;

	private final Path markers;

	private final String node;

	private final String name;

	private final ObjectProvider<KillPoints> killPoints;

	public ReliabilityTasks(TaskContext context, ObjectProvider<StringRedisTemplate> redis,
			ObjectProvider<KillPoints> killPoints, Environment environment) {
		this.context = context;
		this.redis = redis;
		this.killPoints = killPoints;
		this.name = environment.getProperty("qtasks.name", "qtasks");
		this.effectsKey = effectsKey(this.name);
		this.node = environment.getProperty("reliability.node", "node");
		String markers = environment.getProperty("reliability.markers");
		this.markers = (markers != null) ? Path.of(markers) : null;
	}

	/**
	 * The Redis hash where {@code work} counts its runs by uuid.
	 * @param name the application's {@code qtasks.name}
	 * @return the key
	 */
	public static String effectsKey(String name) {
		return "reliability:{" + name + "}:effects";
	}

	/**
	 * The Redis list where {@code fails_everywhere} records the node of each of its runs.
	 * @param name the application's {@code qtasks.name}
	 * @param uuid the task's uuid
	 * @return the key
	 */
	public static String runsKey(String name, String uuid) {
		return "reliability:{" + name + "}:runs:" + uuid;
	}

	/**
	 * The Redis key whose presence lets the {@code hold} tasks end.
	 * @param name the application's {@code qtasks.name}
	 * @return the key
	 */
	public static String releaseKey(String name) {
		return "reliability:{" + name + "}:release";
	}

	/**
	 * Records which node runs it, then works until the test sets the {@link #releaseKey
	 * release key}: a healthy long-running task.
	 * @return the node's label
	 */
	@QTask(name = "hold")
	public String hold() {
		recordRun();
		while (!Boolean.TRUE.equals(this.redis.getObject().hasKey(releaseKey(this.name)))) {
			this.context.sleep(Duration.ofMillis(100));
		}
		return this.node;
	}

	/**
	 * Records which node runs it, then fails; retried once, four seconds later.
	 */
	@QTask(name = "fails_everywhere", retry = 1, backoff = @Backoff(delay = "4s"))
	public void failsEverywhere() {
		this.redis.getObject()
			.opsForList()
			.rightPush(runsKey(this.name, this.context.taskUuid().toString()), this.node);
		throw new IllegalStateException("attempt " + this.context.attempt() + " fails on node " + this.node);
	}

	/**
	 * Works for a while, then records that it ran to its end.
	 * @param millis how long to work
	 * @return the uuid it ran as
	 * @throws InterruptedException when interrupted while working
	 */
	@QTask(name = "work")
	public String work(long millis) throws InterruptedException {
		Thread.sleep(millis);
		String uuid = this.context.taskUuid().toString();
		this.redis.getObject().opsForHash().increment(this.effectsKey, uuid, 1);
		return uuid;
	}

	/**
	 * Records which node runs it, works for a while and returns that node's label.
	 * @param millis how long to work
	 * @return the node's label
	 * @throws InterruptedException when interrupted while working
	 */
	/**
	 * A workflow step: says who ran it after what the step before it answered.
	 * @param previous the result of the step before
	 * @return that result, then this node's label
	 */
	@QTask(name = "after")
	public String after(String previous) {
		recordRun();
		return previous + " then " + this.node;
	}

	@QTask(name = "labelled")
	public String labelled(long millis) throws InterruptedException {
		recordRun();
		Thread.sleep(millis);
		return this.node;
	}

	/**
	 * Records which node runs it; its first attempt works for ten minutes (until it is
	 * cancelled), any later one returns the node's label at once.
	 * @return the node's label
	 * @throws InterruptedException when interrupted while working
	 */
	@QTask(name = "first_attempt_hangs")
	public String firstAttemptHangs() throws InterruptedException {
		recordRun();
		if (this.context.attempt() == 1) {
			this.context.sleep(Duration.ofMinutes(10));
		}
		return this.node;
	}

	/**
	 * Adds one to its uuid's field in the effects hash, then passes the
	 * {@link KillPoints#AFTER_EFFECT} kill point, and returns the node's label.
	 * @return the node's label
	 */
	@QTask(name = KillPoints.TASK)
	public String killPoint() {
		UUID uuid = this.context.taskUuid();
		this.redis.getObject().opsForHash().increment(this.effectsKey, uuid.toString(), 1);
		KillPoints points = this.killPoints.getIfAvailable();
		if (points != null) {
			points.reached(KillPoints.AFTER_EFFECT, uuid);
		}
		return this.node;
	}

	/**
	 * Marks its start, works for a while, marks its end.
	 * @param label names the marker files
	 * @param millis how long to work
	 * @return the label
	 * @throws InterruptedException when interrupted while working
	 */
	@QTask(name = "slow")
	public String slow(String label, long millis) throws InterruptedException {
		mark(label + ".started");
		try {
			Thread.sleep(millis);
		}
		catch (InterruptedException ex) {
			mark(label + ".interrupted");
			throw ex;
		}
		mark(label + ".finished");
		return label;
	}

	private void recordRun() {
		this.redis.getObject()
			.opsForList()
			.rightPush(runsKey(this.name, this.context.taskUuid().toString()), this.node);
	}

	private void mark(String name) {
		try {
			Files.writeString(this.markers.resolve(name), this.context.taskUuid().toString());
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
