package io.qtasks.engine;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.springframework.core.env.Environment;

import io.qtasks.TaskContext;
import io.qtasks.annotation.QTask;

/**
 * The tasks the engine tests run. The node name comes from the {@code test.node}
 * property, so tests with several application contexts can tell who ran what.
 *
 * @author QTasks contributors
 */
public class EngineTestTasks {

	private final TaskProbe probe;

	private final TaskContext context;

	private final String node;

	public EngineTestTasks(TaskProbe probe, TaskContext context, Environment environment) {
		this.probe = probe;
		this.context = context;
		this.node = environment.getProperty("test.node", "node");
	}

	@QTask(name = "echo")
	public Object echo(Object value) {
		return value;
	}

	@QTask(name = "describe")
	public Map<String, Object> describe(List<Object> list, Map<String, Object> map, String text) {
		return Map.of("list", list, "map", map, "text", text);
	}

	@QTask(name = "fail")
	public String fail(String message) {
		throw new IllegalStateException(message);
	}

	@QTask(name = "flaky")
	public String flaky(String label) {
		this.probe.started(this.node, label);
		if (this.probe.runs(label) == 1) {
			throw new IllegalStateException("the first run of " + label + " fails");
		}
		return "run " + this.probe.runs(label) + " of " + label;
	}

	@QTask(name = "flaky_retried", retry = 1)
	public String flakyRetried(String label) {
		return flaky(label);
	}

	@QTask(name = "record")
	public String record(String label) {
		this.probe.started(this.node, label);
		return this.node;
	}

	@QTask(name = "sleep")
	public String sleep(String label) {
		this.probe.started(this.node, label);
		this.context.sleep(Duration.ofMinutes(1));
		return "slept";
	}

	@QTask(name = "hold")
	public String hold(String label) throws InterruptedException {
		this.probe.started(this.node, label);
		this.probe.holdFirstRun(label);
		return this.node;
	}

	@QTask(name = "meet")
	public String meet(String label) throws Exception {
		this.probe.started(this.node, label);
		this.probe.awaitBarrier();
		return this.node;
	}

}
