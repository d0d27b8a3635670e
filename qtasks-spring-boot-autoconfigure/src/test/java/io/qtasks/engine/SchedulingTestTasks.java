package io.qtasks.engine;

import org.springframework.core.env.Environment;

import io.qtasks.Task;
import io.qtasks.TaskContext;
import io.qtasks.annotation.QTask;

/**
 * The tasks that scheduling tests run without a schedule of their own: each records its
 * run in the {@link FiringProbe}. The node name comes from the {@code test.node}
 * property.
 *
 * @author QTasks contributors
 */
public class SchedulingTestTasks {

	private final FiringProbe probe;

	private final TaskContext context;

	private final String node;

	public SchedulingTestTasks(FiringProbe probe, TaskContext context, Environment environment) {
		this.probe = probe;
		this.context = context;
		this.node = environment.getProperty("test.node", "node");
	}

	@QTask(name = "stamp")
	public String stamp(String label) {
		this.probe.ran(this.node, label, this.context.getMetadata());
		return this.node;
	}

	/**
	 * A task for schedules added at run time: the label is the schedule's name.
	 * @return the node
	 */
	@QTask(name = "tick")
	public String tick() {
		Task record = this.context.getMetadata();
		this.probe.ran(this.node, String.valueOf(TaskExtras.schedule(record)), record);
		return this.node;
	}

	/**
	 * A task declared with a cron schedule that fires every second.
	 */
	public static class EverySecond {

		private final FiringProbe probe;

		private final TaskContext context;

		private final String node;

		public EverySecond(FiringProbe probe, TaskContext context, Environment environment) {
			this.probe = probe;
			this.context = context;
			this.node = environment.getProperty("test.node", "node");
		}

		@QTask(name = "every_second", cron = "* * * * * *", args = "[\"cron\"]")
		public String everySecond(String kind) {
			this.probe.ran(this.node, "every_second", this.context.getMetadata());
			return kind;
		}

	}

	/**
	 * A task declared with a fixed-rate schedule of one second.
	 */
	public static class FixedRate {

		private final FiringProbe probe;

		private final TaskContext context;

		private final String node;

		public FixedRate(FiringProbe probe, TaskContext context, Environment environment) {
			this.probe = probe;
			this.context = context;
			this.node = environment.getProperty("test.node", "node");
		}

		@QTask(name = "each_second", fixedRate = "1s", args = "{\"kind\": \"rate\"}")
		public String eachSecond(String kind) {
			this.probe.ran(this.node, "each_second", this.context.getMetadata());
			return kind;
		}

	}

}
