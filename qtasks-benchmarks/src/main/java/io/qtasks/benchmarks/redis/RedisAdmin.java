package io.qtasks.benchmarks.redis;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import io.lettuce.core.KeyScanCursor;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.ScanArgs;
import io.lettuce.core.ScanCursor;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;

/**
 * The harness' own Redis chores on the benchmark database: is it empty, which version,
 * how many commands ran, and deleting what the benchmarks created.
 *
 * @author QTasks contributors
 */
public final class RedisAdmin implements AutoCloseable {

	private final URI url;

	private final RedisClient client;

	private final StatefulRedisConnection<String, String> connection;

	private final RedisCommands<String, String> commands;

	private RedisAdmin(URI url, RedisClient client, StatefulRedisConnection<String, String> connection) {
		this.url = url;
		this.client = client;
		this.connection = connection;
		this.commands = connection.sync();
	}

	/**
	 * Connects.
	 * @param url the Redis and database
	 * @return the connected admin
	 * @throws io.lettuce.core.RedisException when Redis does not answer
	 */
	public static RedisAdmin connect(URI url) {
		RedisURI.Builder builder = RedisURI.builder()
			.withHost(url.getHost())
			.withPort(RedisUrls.port(url))
			.withDatabase(RedisUrls.database(url))
			.withTimeout(Duration.ofSeconds(10));
		RedisUrls.password(url).ifPresent((password) -> builder.withPassword(password.toCharArray()));
		RedisURI redisUri = builder.build();
		RedisClient client = RedisClient.create(redisUri);
		try {
			return new RedisAdmin(url, client, client.connect());
		}
		catch (RuntimeException ex) {
			client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
			throw ex;
		}
	}

	/**
	 * The URL this admin works on.
	 * @return the URL
	 */
	public URI url() {
		return this.url;
	}

	/**
	 * The server's version.
	 * @return e.g. {@code 7.0.15}
	 */
	public String version() {
		return infoField(this.commands.info("server"), "redis_version");
	}

	/**
	 * How many keys the database holds.
	 * @return the count
	 */
	public long dbSize() {
		return this.commands.dbsize();
	}

	/**
	 * Calls per command since the server started (or since the last CONFIG RESETSTAT),
	 * counting commands that scripts run as well. Server-wide: every client counts.
	 * @return command name to calls
	 */
	public Map<String, Long> commandCalls() {
		Map<String, Long> calls = new TreeMap<>();
		for (String line : this.commands.info("commandstats").split("\r?\n")) {
			if (line.startsWith("cmdstat_")) {
				String name = line.substring("cmdstat_".length(), line.indexOf(':'));
				String stats = line.substring(line.indexOf(':') + 1);
				for (String part : stats.split(",")) {
					if (part.startsWith("calls=")) {
						calls.put(name, Long.parseLong(part.substring("calls=".length())));
					}
				}
			}
		}
		return calls;
	}

	/**
	 * CPU time the server used since it started, user and system together
	 * ({@code INFO cpu}: {@code used_cpu_user} plus {@code used_cpu_sys}, all of its
	 * threads). Server-wide: the work of every client counts.
	 * @return the CPU time in microseconds, or -1 when the server does not say
	 */
	public long cpuMicros() {
		String info = this.commands.info("cpu");
		try {
			double seconds = Double.parseDouble(infoField(info, "used_cpu_user"))
					+ Double.parseDouble(infoField(info, "used_cpu_sys"));
			return Math.round(seconds * 1e6);
		}
		catch (NumberFormatException ex) {
			return -1;
		}
	}

	/**
	 * Deletes every key of the database that matches a pattern.
	 * @param pattern a SCAN pattern, e.g. {@code *qtasks-bench-1234abcd*}
	 * @return how many keys were deleted
	 */
	public long deleteMatching(String pattern) {
		long deleted = 0;
		ScanCursor cursor = ScanCursor.INITIAL;
		do {
			KeyScanCursor<String> page = this.commands.scan(cursor, ScanArgs.Builder.matches(pattern).limit(1000));
			List<String> keys = page.getKeys();
			if (!keys.isEmpty()) {
				deleted += this.commands.unlink(keys.toArray(String[]::new));
			}
			cursor = page;
		}
		while (!cursor.isFinished());
		return deleted;
	}

	/**
	 * Loads a Lua script.
	 * @param script the script
	 * @return its SHA1, for EVALSHA
	 */
	public String scriptLoad(String script) {
		return this.commands.scriptLoad(script);
	}

	@Override
	public void close() {
		this.connection.close();
		this.client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
	}

	private static String infoField(String info, String field) {
		for (String line : info.split("\r?\n")) {
			if (line.startsWith(field + ":")) {
				return line.substring(field.length() + 1).trim();
			}
		}
		return "unknown";
	}

	/**
	 * Commands run between two {@link #commandCalls()} snapshots, per task.
	 * @param before the earlier snapshot
	 * @param after the later snapshot
	 * @param tasks how many tasks ran in between
	 * @param ignored commands not to count (the harness' own)
	 * @return command name to calls per task, for commands that ran
	 */
	public static Map<String, Double> perTask(Map<String, Long> before, Map<String, Long> after, long tasks,
			List<String> ignored) {
		Map<String, Double> perTask = new TreeMap<>();
		after.forEach((name, calls) -> {
			long delta = calls - before.getOrDefault(name, 0L);
			if (delta > 0 && !ignored.contains(name)) {
				perTask.put(name, (double) delta / tasks);
			}
		});
		return perTask;
	}

}
