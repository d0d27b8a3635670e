package io.qtasks.flow;

import java.time.Duration;

import org.springframework.core.env.Environment;

import io.qtasks.annotation.QTask;

/**
 * The tasks of the flow control tests: a task capped at 2 runs, one rated at 5 starts a
 * second, one capped at 1 run per limit key, tasks of the {@code emails} and
 * {@code reports} queues, one without limits and one that always fails.
 *
 * @author QTasks contributors
 */
public class FlowTestTasks {

	private final FlowRecorder recorder;

	private final String node;

	public FlowTestTasks(FlowRecorder recorder, Environment environment) {
		this.recorder = recorder;
		this.node = environment.getProperty("test.node", "node");
	}

	@QTask(name = "capped", maxConcurrency = 2)
	public String capped(String label) throws InterruptedException {
		this.recorder.capped(Duration.ofMillis(300));
		this.recorder.ran(this.node, label);
		return label;
	}

	@QTask(name = "uncapped")
	public String uncapped(String label) {
		this.recorder.ran(this.node, label);
		return label;
	}

	@QTask(name = "rated", rateLimit = "5/1s")
	public String rated(String label) {
		this.recorder.started();
		return label;
	}

	@QTask(name = "per_tenant", maxConcurrency = 1)
	public String perTenant(String label) throws InterruptedException {
		this.recorder.held("per_tenant", this.node, label);
		return label;
	}

	@QTask(name = "email", queue = "emails")
	public String email(String label) {
		this.recorder.ran(this.node, label);
		return label;
	}

	@QTask(name = "report", queue = "reports")
	public String report(String label) throws InterruptedException {
		this.recorder.held("report@" + this.node, this.node, label);
		return label;
	}

	@QTask(name = "broken")
	public String broken(String label) {
		throw new IllegalStateException("broken " + label);
	}

}
