package io.qtasks.reliability;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Path;

import redis.embedded.RedisServer;

/**
 * A {@code redis-server} of the test's own (from the embedded-redis dependency) that can
 * be stopped and started again on the same port, keeping its data in an append-only file
 * synced on every write, as a production Redis with persistence would. The shared Redis
 * of the other tests is never restarted.
 *
 * @author QTasks contributors
 */
final class RestartableRedis implements AutoCloseable {

	private static final String HOST = "127.0.0.1";

	private final int port = freePort();

	private final Path directory;

	private RedisServer server;

	RestartableRedis(Path directory) {
		this.directory = directory;
	}

	/**
	 * Starts the server, with the data it had when it stopped.
	 */
	void start() {
		try {
			this.server = RedisServer.newRedisServer()
				.bind(HOST)
				.port(this.port)
				.setting("dir " + this.directory)
				.setting("appendonly yes")
				.setting("appendfsync always")
				.setting("save \"\"")
				.build();
			this.server.start();
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Could not start redis-server on port " + this.port, ex);
		}
	}

	/**
	 * Stops the server ({@code SIGTERM}); connections to it break.
	 */
	void stop() {
		try {
			this.server.stop();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * The host the server listens on.
	 * @return the host
	 */
	String host() {
		return HOST;
	}

	/**
	 * The port the server listens on.
	 * @return the port
	 */
	int port() {
		return this.port;
	}

	/**
	 * Spring Boot properties that connect to this server.
	 * @return {@code spring.data.redis.*} entries
	 */
	String[] connectionProperties() {
		return new String[] { "spring.data.redis.host=" + HOST, "spring.data.redis.port=" + this.port };
	}

	@Override
	public void close() {
		if (this.server != null && this.server.isActive()) {
			stop();
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
