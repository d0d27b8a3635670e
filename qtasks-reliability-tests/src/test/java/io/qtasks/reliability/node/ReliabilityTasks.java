package io.qtasks.reliability.node;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.core.env.Environment;
import org.springframework.data.redis.core.StringRedisTemplate;

import io.qtasks.TaskContext;
import io.qtasks.annotation.Backoff;
import io.qtasks.annotation.QTask;

/**
 * The tasks of the reliability tests. Each leaves a side effect the tests count after the
 * fact, outside QTasks: {@code work} adds one to its uuid's field in a Redis hash,
 * {@code slow} writes marker files when it starts and when it ends.
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

	public ReliabilityTasks(TaskContext context, ObjectProvider<StringRedisTemplate> redis, Environment environment) {
		this.context = context;
		this.redis = redis;
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

	private void mark(String name) {
		try {
			Files.writeString(this.markers.resolve(name), this.context.taskUuid().toString());
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
