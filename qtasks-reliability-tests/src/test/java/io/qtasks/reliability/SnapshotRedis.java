package io.qtasks.reliability;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;

import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisException;
import io.lettuce.core.RedisURI;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import redis.embedded.RedisServer;

/**
 * A {@code redis-server} of the test's own (from the embedded-redis dependency) that
 * persists only by RDB snapshots taken on demand ({@link #snapshot()}), and that can
 * crash ({@link #crash()}: {@code SHUTDOWN NOSAVE}, nothing written since the last
 * snapshot survives) and start again from its last snapshot on the same port, as a Redis
 * restored from an older backup, or one that fails over to a replica that lagged, would.
 *
 * @author QTasks contributors
 */
final class SnapshotRedis implements AutoCloseable {

	private static final String HOST = "127.0.0.1";

	private final int port = freePort();

	private final Path directory;

	private RedisServer server;

	private RedisClient client;

	private StatefulRedisConnection<String, String> connection;

	SnapshotRedis(Path directory) {
		this.directory = directory;
	}

	/**
	 * Starts the server, from its last snapshot when there is one.
	 */
	void start() {
		try {
			this.server = RedisServer.newRedisServer()
				.bind(HOST)
				.port(this.port)
				.setting("dir " + this.directory)
				.setting("dbfilename dump.rdb")
				.setting("appendonly no")
				.setting("save \"\"")
				.build();
			this.server.start();
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Could not start redis-server on port " + this.port, ex);
		}
		this.client = RedisClient.create(RedisURI.create(HOST, this.port));
		this.connection = this.client.connect();
	}

	/**
	 * Takes a snapshot ({@code SAVE}): what a restart after a crash comes back to.
	 */
	void snapshot() {
		commands().save();
		if (!Files.exists(this.directory.resolve("dump.rdb"))) {
			throw new IllegalStateException("SAVE wrote no dump.rdb to " + this.directory);
		}
	}

	/**
	 * Stops the server hard ({@code SHUTDOWN NOSAVE}): what it did since the last
	 * snapshot is gone; connections to it break.
	 */
	void crash() {
		try {
			commands().shutdown(false);
		}
		catch (RedisException ex) {
			// the server closes the connection as it goes
		}
		this.connection.close();
		this.client.shutdown();
		try {
			this.server.stop();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * Direct access, for the invariants and the counts.
	 * @return synchronous commands on a connection of the test's own
	 */
	RedisCommands<String, String> commands() {
		return this.connection.sync();
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
		if (this.connection != null && this.connection.isOpen()) {
			this.connection.close();
			this.client.shutdown();
		}
		if (this.server != null && this.server.isActive()) {
			try {
				this.server.stop();
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
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
