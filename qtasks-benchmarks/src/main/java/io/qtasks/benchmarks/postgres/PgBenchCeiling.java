package io.qtasks.benchmarks.postgres;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

import io.qtasks.benchmarks.BenchmarkContext;
import io.qtasks.benchmarks.result.CommitCeiling;
import io.qtasks.benchmarks.result.Outcome;

/**
 * PostgreSQL's own commit ceiling: {@code pgbench} with a custom script of one single-row
 * insert per transaction, with one client and with eight, on the benchmark database. That
 * is the most one-call enqueues per second any queue on this PostgreSQL can commit
 * durably.
 *
 * @author QTasks contributors
 */
final class PgBenchCeiling {

	static final List<Integer> CLIENTS = List.of(1, 8);

	private static final Pattern TPS = Pattern.compile("tps = ([0-9.]+)");

	private static final Pattern LATENCY = Pattern.compile("latency average = ([0-9.]+) ms");

	private final BenchmarkContext context;

	private final PostgresDatabase database;

	PgBenchCeiling(BenchmarkContext context, PostgresDatabase database) {
		this.context = context;
		this.database = database;
	}

	void run() {
		PostgresOptions options = this.context.options().postgres();
		this.database.execute("DROP TABLE IF EXISTS pgbench_ceiling",
				"CREATE TABLE pgbench_ceiling (id BIGSERIAL PRIMARY KEY, payload TEXT NOT NULL)");
		Path script = null;
		try {
			script = Files.createTempFile("qtasks-pgbench", ".sql");
			Files.writeString(script, "INSERT INTO pgbench_ceiling (payload) VALUES ('noop');\n");
			List<CommitCeiling> figures = new ArrayList<>();
			for (int clients : CLIENTS) {
				this.context.log("pgbench commit ceiling, %d client(s), %d s", clients, options.pgbenchSeconds());
				figures.add(pgbench(script, clients, options));
				this.context.log("  %,.0f transactions/s", figures.get(figures.size() - 1).transactionsPerSecond());
			}
			this.context.results().postgres().ceiling(Outcome.of(figures));
		}
		catch (IOException | RuntimeException ex) {
			this.context.log("pgbench: %s", ex.getMessage());
			this.context.results().postgres().ceiling(Outcome.missing("not measured: " + ex.getMessage()));
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			this.context.results().postgres().ceiling(Outcome.missing("interrupted"));
		}
		finally {
			deleteQuietly(script);
			this.database.execute("DROP TABLE IF EXISTS pgbench_ceiling");
		}
	}

	private CommitCeiling pgbench(Path script, int clients, PostgresOptions options)
			throws IOException, InterruptedException {
		HostAndPort server = HostAndPort.of(this.database.url());
		ProcessBuilder builder = new ProcessBuilder("pgbench", "-n", "-h", server.host(), "-p", server.port(), "-U",
				options.user(), "-c", Integer.toString(clients), "-j", Integer.toString(Math.min(clients, 2)), "-T",
				Integer.toString(options.pgbenchSeconds()), "-f", script.toString(), PostgresDatabase.NAME);
		Map<String, String> environment = builder.environment();
		environment.put("PGPASSWORD", options.password());
		builder.redirectErrorStream(true);
		Process process;
		try {
			process = builder.start();
		}
		catch (IOException ex) {
			throw new IOException("pgbench is not installed (it ships with PostgreSQL's client tools, e.g. Debian's"
					+ " postgresql-client)", ex);
		}
		String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		if (!process.waitFor(options.pgbenchSeconds() + 60L, TimeUnit.SECONDS) || process.exitValue() != 0) {
			process.destroyForcibly();
			throw new IOException("pgbench failed: " + output.strip());
		}
		Matcher tps = TPS.matcher(output);
		Matcher latency = LATENCY.matcher(output);
		if (!tps.find()) {
			throw new IOException("pgbench printed no tps: " + output.strip());
		}
		return new CommitCeiling(clients, Double.parseDouble(tps.group(1)),
				latency.find() ? Double.parseDouble(latency.group(1)) : Double.NaN);
	}

	private static void deleteQuietly(@Nullable Path file) {
		if (file != null) {
			try {
				Files.deleteIfExists(file);
			}
			catch (IOException ex) {
				// a temporary file left behind is harmless
			}
		}
	}

	/**
	 * The server of a {@code jdbc:postgresql://host:port/db} URL.
	 *
	 * @param host the host
	 * @param port the port
	 */
	record HostAndPort(String host, String port) {

		static HostAndPort of(String url) {
			String rest = url.substring("jdbc:postgresql://".length());
			String server = rest.substring(0, rest.indexOf('/'));
			int colon = server.lastIndexOf(':');
			return (colon < 0) ? new HostAndPort(server, "5432")
					: new HostAndPort(server.substring(0, colon), server.substring(colon + 1));
		}

		@Override
		public String toString() {
			return String.format(Locale.ROOT, "%s:%s", this.host, this.port);
		}

	}

}
