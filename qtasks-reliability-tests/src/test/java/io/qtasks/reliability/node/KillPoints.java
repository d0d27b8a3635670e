package io.qtasks.reliability.node;

import java.util.UUID;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.core.env.Environment;
import org.springframework.data.redis.core.StringRedisTemplate;

/**
 * Simulates {@code kill -9} at a precise point of a run: a node started with
 * {@code --reliability.kill-point=<point>} halts its JVM ({@code Runtime.halt(137)}, no
 * shutdown hook, no finally block, as {@code SIGKILL} would) when a {@code kill_point}
 * task reaches that point for the first time, on whichever node. A marker in Redis
 * ({@link #markerKey}) makes it the first delivery only, so that every node may run with
 * the same settings and the task's next delivery goes through.
 *
 * @author QTasks contributors
 */
public class KillPoints {

	/**
	 * In the task, after its side effect and before it returns: the outcome is never
	 * stored.
	 */
	public static final String AFTER_EFFECT = "after-effect";

	/**
	 * When the run's observation starts: after the claim, before the task runs (and,
	 * where the claim does not store it, before {@code process} is written).
	 */
	public static final String BEFORE_PROCESS = "before-process";

	/**
	 * When the task's {@code success} record has been stored, before the steps of its
	 * workflow after it are released.
	 */
	public static final String AFTER_OUTCOME = "after-outcome";

	/**
	 * The task name the kill points apply to.
	 */
	public static final String TASK = "kill_point";

	private final String point;

	private final String name;

	private final String node;

	private final ObjectProvider<StringRedisTemplate> redis;

	public KillPoints(Environment environment, ObjectProvider<StringRedisTemplate> redis) {
		this.point = environment.getProperty("reliability.kill-point", "");
		this.name = environment.getProperty("qtasks.name", "qtasks");
		this.node = environment.getProperty("reliability.node", "node");
		this.redis = redis;
	}

	/**
	 * The Redis key that marks a task whose run halted a node.
	 * @param name the application's {@code qtasks.name}
	 * @param uuid the task's uuid
	 * @return the key
	 */
	public static String markerKey(String name, String uuid) {
		return "reliability:{" + name + "}:halted:" + uuid;
	}

	/**
	 * A run reached a point: halts the JVM when this node's kill point is that one and no
	 * run of the task halted before.
	 * @param point the point reached
	 * @param uuid the task's uuid
	 */
	void reached(String point, UUID uuid) {
		if (!point.equals(this.point)) {
			return;
		}
		Boolean first = this.redis.getObject()
			.opsForValue()
			.setIfAbsent(markerKey(this.name, uuid.toString()), this.node);
		if (Boolean.TRUE.equals(first)) {
			System.out.println(
					"Kill point " + point + " reached by task " + uuid + " on node " + this.node + ": halting the JVM");
			System.out.flush();
			Runtime.getRuntime().halt(137);
		}
	}

}
