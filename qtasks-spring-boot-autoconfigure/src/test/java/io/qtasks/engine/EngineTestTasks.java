package io.qtasks.engine;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import reactor.core.publisher.Mono;

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

	private final CompletableFuture<String> pendingFuture = new CompletableFuture<>();

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

	@QTask(name = "future", async = true)
	public CompletableFuture<String> future(String outcome) {
		if ("pending".equals(outcome)) {
			this.probe.started(this.node, "future");
			return this.pendingFuture;
		}
		return "fail".equals(outcome) ? CompletableFuture.failedFuture(new IllegalStateException("no future"))
				: CompletableFuture.supplyAsync(() -> "future " + outcome);
	}

	@QTask(name = "mono")
	public Mono<String> mono(String outcome) {
		return "fail".equals(outcome) ? Mono.error(new IllegalStateException("no mono"))
				: Mono.just("mono " + outcome).delayElement(Duration.ofMillis(10));
	}

	/**
	 * The value the {@code future} task returns for {@code "pending"}.
	 * @return the future
	 */
	public CompletableFuture<String> pendingFuture() {
		return this.pendingFuture;
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
