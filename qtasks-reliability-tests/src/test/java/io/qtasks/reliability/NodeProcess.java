package io.qtasks.reliability;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.qtasks.reliability.node.ReliabilityNode;
import io.qtasks.testsupport.RedisTestServer;

/**
 * A {@link ReliabilityNode} in a JVM of its own, started with the test's class path. Its
 * output goes to a log file under {@code target/reliability-logs} and is kept for
 * {@link #awaitLine(Predicate, Duration)}. {@link #terminate()} sends {@code SIGTERM} (as
 * {@code kill} or a container stop does), {@link #kill()} sends {@code SIGKILL}
 * ({@code kill -9}), {@link #freeze()} and {@link #thaw()} send {@code SIGSTOP} and
 * {@code SIGCONT} (a node that stalls, as under a long GC pause or a VM that is
 * suspended, and wakes up again).
 *
 * @author QTasks contributors
 */
final class NodeProcess implements AutoCloseable {

	private static final Pattern WORKER_STARTED = Pattern.compile("QTasks worker (\\S+) started on the");

	private final String label;

	private final Process process;

	private final Path log;

	private final List<String> lines = new ArrayList<>();

	private final Thread pump;

	private NodeProcess(String label, Process process, Path log) {
		this.label = label;
		this.process = process;
		this.log = log;
		this.pump = new Thread(this::pump, "node-output-" + label);
		this.pump.setDaemon(true);
		this.pump.start();
	}

	/**
	 * Starts a node.
	 * @param label names the node in its log file
	 * @param properties Spring Boot properties, passed as command-line arguments
	 * @return the started process (not yet ready: see {@link #awaitWorkerStarted})
	 */
	static NodeProcess start(String label, Map<String, String> properties) {
		List<String> command = new ArrayList<>(List.of(javaExecutable(), "-Xmx384m", "-XX:+UseSerialGC",
				"-XX:TieredStopAtLevel=1", "-cp", classPath(), ReliabilityNode.class.getName()));
		properties.forEach((key, value) -> command.add("--" + key + "=" + value));
		try {
			Path logs = Path.of(System.getProperty("reliability.logs", "target/reliability-logs"));
			Files.createDirectories(logs);
			Path log = logs.resolve(label + ".log");
			Files.writeString(log.resolveSibling(label + ".command"), String.join(" ", command));
			Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
			return new NodeProcess(label, process, log);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Could not start node " + label, ex);
		}
	}

	/**
	 * The properties of a worker node on the test Redis: lease 3 s, heartbeat 1 s,
	 * housekeeping every second, so that a dead or frozen node's tasks come back within
	 * seconds.
	 * @param name the application's {@code qtasks.name}
	 * @param node the node's label ({@code reliability.node}), which some tasks return
	 * @return the properties, to add to
	 */
	static Map<String, String> redisNode(String name, String node) {
		Map<String, String> properties = new LinkedHashMap<>();
		properties.put("qtasks.broker.type", "redis");
		properties.put("qtasks.name", name);
		properties.put("spring.data.redis.host", RedisTestServer.get().host());
		properties.put("spring.data.redis.port", String.valueOf(RedisTestServer.get().port()));
		properties.put("qtasks.worker.concurrency", "4");
		properties.put("qtasks.redis.lease", "3s");
		properties.put("qtasks.redis.heartbeat-interval", "1s");
		properties.put("qtasks.redis.reaper-interval", "1s");
		properties.put("reliability.node", node);
		return properties;
	}

	/**
	 * Waits until the node's worker has started.
	 * @param timeout how long at most
	 * @return the worker's id
	 */
	String awaitWorkerStarted(Duration timeout) {
		String line = awaitLine((text) -> WORKER_STARTED.matcher(text).find(), timeout);
		Matcher matcher = WORKER_STARTED.matcher(line);
		matcher.find();
		return matcher.group(1);
	}

	/**
	 * Waits for a line of the node's output.
	 * @param condition what the line must satisfy
	 * @param timeout how long at most
	 * @return the first matching line
	 */
	String awaitLine(Predicate<String> condition, Duration timeout) {
		long deadline = System.nanoTime() + timeout.toNanos();
		synchronized (this.lines) {
			int seen = 0;
			while (true) {
				for (; seen < this.lines.size(); seen++) {
					if (condition.test(this.lines.get(seen))) {
						return this.lines.get(seen);
					}
				}
				long remaining = deadline - System.nanoTime();
				if (remaining <= 0 || !this.pump.isAlive()) {
					throw new AssertionError("Node " + this.label + " did not log the expected line within " + timeout
							+ (this.process.isAlive() ? "" : " (it exited)") + "; see " + this.log);
				}
				try {
					this.lines.wait(Math.max(1, Math.min(TimeUnit.NANOSECONDS.toMillis(remaining), 200)));
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
					throw new AssertionError("Interrupted while waiting for node " + this.label);
				}
			}
		}
	}

	/**
	 * Whether the node logged a line.
	 * @param condition what the line must satisfy
	 * @return whether any line so far does
	 */
	boolean logged(Predicate<String> condition) {
		synchronized (this.lines) {
			return this.lines.stream().anyMatch(condition);
		}
	}

	/**
	 * Sends {@code SIGTERM}: the JVM runs its shutdown hooks, Spring closes the context.
	 */
	void terminate() {
		// through the handle: Process.destroy() would also close our end of its output
		this.process.toHandle().destroy();
	}

	/**
	 * Sends {@code SIGKILL}: the JVM ends at once, without any shutdown.
	 */
	void kill() {
		this.process.toHandle().destroyForcibly();
	}

	/**
	 * Sends {@code SIGSTOP}: the JVM stops where it is, threads, timers and sockets
	 * included, until {@link #thaw()}. {@link ProcessHandle} has no such signal, so this
	 * runs {@code kill -STOP}.
	 */
	void freeze() {
		signal("-STOP");
	}

	/**
	 * Sends {@code SIGCONT} to a {@link #freeze() frozen} node: it goes on from where it
	 * stopped, unaware of the time that passed.
	 */
	void thaw() {
		signal("-CONT");
	}

	/**
	 * Whether the process still runs.
	 * @return the flag
	 */
	boolean isAlive() {
		return this.process.isAlive();
	}

	/**
	 * The label the node was started with.
	 * @return the label
	 */
	String label() {
		return this.label;
	}

	/**
	 * The process id.
	 * @return the pid
	 */
	long pid() {
		return this.process.pid();
	}

	/**
	 * The exit code of the ended process.
	 * @return the code
	 * @throws IllegalThreadStateException while it runs
	 */
	int exitValue() {
		return this.process.exitValue();
	}

	/**
	 * Waits for the process to end and its output to be read.
	 * @param timeout how long at most
	 * @return whether it ended
	 */
	boolean awaitExit(Duration timeout) {
		try {
			if (!this.process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
				return false;
			}
			this.pump.join(timeout.toMillis());
			return true;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return false;
		}
	}

	/**
	 * The file the node's output goes to; the command that started it is next to it.
	 * @return the log file
	 */
	Path log() {
		return this.log;
	}

	@Override
	public void close() {
		if (this.process.isAlive()) {
			this.process.destroyForcibly();
			awaitExit(Duration.ofSeconds(30));
		}
	}

	private void signal(String signal) {
		try {
			Process kill = new ProcessBuilder("kill", signal, String.valueOf(pid())).inheritIO().start();
			if (!kill.waitFor(30, TimeUnit.SECONDS) || kill.exitValue() != 0) {
				throw new AssertionError("kill " + signal + " " + pid() + " failed (node " + this.label + ")");
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new AssertionError("Interrupted while signalling node " + this.label);
		}
	}

	private void pump() {
		try (BufferedReader in = new BufferedReader(
				new InputStreamReader(this.process.getInputStream(), StandardCharsets.UTF_8));
				PrintWriter out = new PrintWriter(Files.newBufferedWriter(this.log, StandardCharsets.UTF_8), true)) {
			String line;
			while ((line = in.readLine()) != null) {
				out.println(line);
				synchronized (this.lines) {
					this.lines.add(line);
					this.lines.notifyAll();
				}
			}
		}
		catch (IOException ex) {
			// the process ended
		}
		finally {
			synchronized (this.lines) {
				this.lines.notifyAll();
			}
		}
	}

	private static String javaExecutable() {
		return Path.of(System.getProperty("java.home"), "bin", "java").toString();
	}

	private static String classPath() {
		// Surefire starts the tests from a manifest-only jar; it names the real class
		// path here
		return System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
	}

}
