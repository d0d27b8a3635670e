package io.qtasks.testsupport;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;

import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.ScanArgs;
import io.lettuce.core.ScanIterator;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import redis.embedded.RedisServer;

/**
 * The Redis server the tests run against: the one at 127.0.0.1:6379 when it answers
 * {@code PING}, otherwise a {@code redis-server} started from the embedded-redis
 * dependency on a free port. Another port to try first can be given with the system
 * property {@value #PORT_PROPERTY} or the environment variable {@value #PORT_VARIABLE}
 * (point it at a port where nothing listens to exercise the embedded fallback).
 * <p>
 * Tests keep to their own application names ({@link #uniqueName(String)}) and delete only
 * their own keys ({@link #deleteKeys(String)}); nothing here flushes a database.
 *
 * @author QTasks contributors
 */
public final class RedisTestServer {

	/**
	 * System property naming the port of the Redis to use when it answers.
	 */
	public static final String PORT_PROPERTY = "qtasks.test.redis.port";

	/**
	 * Environment variable naming the port of the Redis to use when it answers.
	 */
	public static final String PORT_VARIABLE = "QTASKS_TEST_REDIS_PORT";

	private static final String HOST = "127.0.0.1";

	private static final int DEFAULT_PORT = 6379;

	private static final int CONNECT_TIMEOUT_MILLIS = 500;

	private static RedisTestServer instance;

	private final int port;

	private final RedisServer embedded;

	private final RedisClient client;

	private final StatefulRedisConnection<String, String> connection;

	private RedisTestServer(int port, RedisServer embedded) {
		this.port = port;
		this.embedded = embedded;
		this.client = RedisClient.create(RedisURI.create(HOST, port));
		this.connection = this.client.connect();
	}

	/**
	 * The server, found or started on first use.
	 * @return the server
	 */
	public static synchronized RedisTestServer get() {
		if (instance == null) {
			instance = findOrStart();
		}
		return instance;
	}

	static synchronized void shutdown() {
		if (instance != null) {
			instance.close();
			instance = null;
		}
	}

	/**
	 * The server's host.
	 * @return the host
	 */
	public String host() {
		return HOST;
	}

	/**
	 * The server's port.
	 * @return the port
	 */
	public int port() {
		return this.port;
	}

	/**
	 * Whether the tests started this server from the embedded-redis dependency.
	 * @return {@code true} when embedded
	 */
	public boolean isEmbedded() {
		return this.embedded != null;
	}

	/**
	 * Spring Boot properties that connect to this server.
	 * @return {@code spring.data.redis.*} entries
	 */
	public String[] connectionProperties() {
		return new String[] { "spring.data.redis.host=" + HOST, "spring.data.redis.port=" + this.port };
	}

	/**
	 * Direct access for tests that inspect or tamper with keys.
	 * @return synchronous commands on a shared connection
	 */
	public RedisCommands<String, String> commands() {
		return this.connection.sync();
	}

	/**
	 * A {@code qtasks.name} no other test uses.
	 * @param purpose a readable part
	 * @return the name
	 */
	public static String uniqueName(String purpose) {
		return "test-" + purpose + "-" + UUID.randomUUID().toString().substring(0, 8);
	}

	/**
	 * Deletes the keys of one QTasks application.
	 * @param name the application's {@code qtasks.name}
	 */
	public void deleteKeys(String name) {
		RedisCommands<String, String> commands = commands();
		ScanIterator<String> keys = ScanIterator.scan(commands,
				ScanArgs.Builder.matches("qtasks:{" + name + "}:*").limit(500));
		List<String> batch = new java.util.ArrayList<>();
		while (keys.hasNext()) {
			batch.add(keys.next());
			if (batch.size() == 500) {
				commands.del(batch.toArray(String[]::new));
				batch.clear();
			}
		}
		if (!batch.isEmpty()) {
			commands.del(batch.toArray(String[]::new));
		}
	}

	private void close() {
		this.connection.close();
		this.client.shutdown();
		if (this.embedded != null) {
			try {
				this.embedded.stop();
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
		}
	}

	private static RedisTestServer findOrStart() {
		int preferred = preferredPort();
		if (answersPing(preferred)) {
			return new RedisTestServer(preferred, null);
		}
		int port = freePort();
		try {
			RedisServer server = RedisServer.newRedisServer()
				.bind(HOST)
				.port(port)
				.setting("save \"\"")
				.setting("appendonly no")
				.build();
			server.start();
			if (!answersPing(port)) {
				server.stop();
				throw new IllegalStateException("The embedded redis-server on port " + port + " does not answer PING");
			}
			System.err.println("[qtasks tests] No Redis answered on " + HOST + ":" + preferred
					+ "; started an embedded redis-server on port " + port);
			return new RedisTestServer(port, server);
		}
		catch (IOException ex) {
			throw new IllegalStateException("No Redis answered on " + HOST + ":" + preferred
					+ " and the embedded redis-server could not be started", ex);
		}
	}

	private static int preferredPort() {
		String configured = System.getProperty(PORT_PROPERTY, System.getenv(PORT_VARIABLE));
		return (configured != null && !configured.isBlank()) ? Integer.parseInt(configured.trim()) : DEFAULT_PORT;
	}

	private static boolean answersPing(int port) {
		try (Socket socket = new Socket()) {
			socket.connect(new InetSocketAddress(HOST, port), CONNECT_TIMEOUT_MILLIS);
			socket.setSoTimeout(CONNECT_TIMEOUT_MILLIS);
			OutputStream out = socket.getOutputStream();
			out.write("PING\r\n".getBytes(StandardCharsets.US_ASCII));
			out.flush();
			InputStream in = socket.getInputStream();
			byte[] reply = new byte[7];
			int read = in.readNBytes(reply, 0, reply.length);
			return new String(reply, 0, read, StandardCharsets.US_ASCII).equals("+PONG\r\n");
		}
		catch (IOException ex) {
			return false;
		}
	}

	private static int freePort() {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
