package io.qtasks.reliability.node;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.core.env.Environment;
import org.springframework.data.redis.core.StringRedisTemplate;

import io.qtasks.TaskContext;
import io.qtasks.annotation.QTask;

/**
 * The task that only the new release has: a node runs it when started with
 * {@code --reliability.release=new}, as in a rolling deploy where old and new nodes share
 * one Redis for a while.
 *
 * @author QTasks contributors
 */
@ConditionalOnProperty(name = "reliability.release", havingValue = "new")
public class NewReleaseTasks {

	/**
	 * The name of the new release's task.
	 */
	public static final String NEW_KIND = "new_kind";

	private final TaskContext context;

	private final ObjectProvider<StringRedisTemplate> redis;

	private final String name;

	private final String node;

	public NewReleaseTasks(TaskContext context, ObjectProvider<StringRedisTemplate> redis, Environment environment) {
		this.context = context;
		this.redis = redis;
		this.name = environment.getProperty("qtasks.name", "qtasks");
		this.node = environment.getProperty("reliability.node", "node");
	}

	/**
	 * Records which node runs it, works for a while and returns that node's label.
	 * @param millis how long to work
	 * @return the node's label
	 * @throws InterruptedException when interrupted while working
	 */
	@QTask(name = NEW_KIND)
	public String newKind(long millis) throws InterruptedException {
		this.redis.getObject()
			.opsForList()
			.rightPush(ReliabilityTasks.runsKey(this.name, this.context.taskUuid().toString()), this.node);
		Thread.sleep(millis);
		return this.node;
	}

}
