package io.qtasks.benchmarks.postgres;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.zaxxer.hikari.HikariDataSource;
import org.springframework.boot.Banner;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import io.qtasks.QTasks;
import io.qtasks.TaskRequest;

/**
 * QTasks with the JDBC broker: a worker node and a client-only node, two Spring Boot
 * contexts configured through properties, each with a pool of its own on the benchmark
 * database. Throughput enqueues on the worker node; pickup enqueues on the client-only
 * node, so the worker hears of each task only through PostgreSQL.
 *
 * @author QTasks contributors
 */
final class QTasksJdbcQueue implements QueueUnderTest {

	private static final Duration POLL = Duration.ofMillis(2);

	private final PostgresDatabase database;

	private final List<HikariDataSource> pools = new ArrayList<>();

	private final List<ConfigurableApplicationContext> nodes = new ArrayList<>();

	private final QTasks worker;

	private final QTasks client;

	private QTasksJdbcQueue(PostgresDatabase database, int concurrency, PostgresProbe probe) {
		this.database = database;
		try {
			this.worker = node(concurrency, probe, true);
			this.client = node(concurrency, probe, false);
		}
		catch (RuntimeException ex) {
			close();
			throw ex;
		}
	}

	/**
	 * The factory of this system.
	 * @param database the benchmark database
	 * @return starts it on empty tables
	 */
	static Factory on(PostgresDatabase database) {
		return (concurrency, probe) -> {
			database.execute(
					"DROP TABLE IF EXISTS qtasks_task, qtasks_node, qtasks_rate, qtasks_unique, qtasks_schedule",
					"DROP SEQUENCE IF EXISTS qtasks_task_seq");
			return new QTasksJdbcQueue(database, concurrency, probe);
		};
	}

	private QTasks node(int concurrency, PostgresProbe probe, boolean worker) {
		// The worker's claims, completions and heartbeats borrow a connection each; a few
		// more serve the listener and the reaper.
		HikariDataSource pool = this.database.pool(worker ? "qtasks-worker" : "qtasks-client", concurrency + 4);
		this.pools.add(pool);
		Map<String, Object> properties = new LinkedHashMap<>();
		properties.put("qtasks.broker.type", "jdbc");
		properties.put("qtasks.jdbc.initialize-schema", "always");
		properties.put("qtasks.worker.enabled", worker);
		properties.put("qtasks.worker.concurrency", concurrency);
		properties.put("qtasks.worker.shutdown-timeout", "2s");
		properties.put("spring.main.log-startup-info", false);
		properties.put("spring.autoconfigure.exclude",
				"org.springframework.boot.data.redis.autoconfigure.DataRedisAutoConfiguration,"
						+ "org.springframework.boot.data.redis.autoconfigure.DataRedisReactiveAutoConfiguration,"
						+ "org.springframework.boot.data.redis.autoconfigure.DataRedisRepositoriesAutoConfiguration");
		ConfigurableApplicationContext context = new SpringApplicationBuilder(JdbcBenchmarkApplication.class)
			.web(WebApplicationType.NONE)
			.bannerMode(Banner.Mode.OFF)
			.registerShutdownHook(false)
			.properties(properties)
			.initializers((applicationContext) -> {
				applicationContext.getBeanFactory().registerSingleton("dataSource", pool);
				applicationContext.getBeanFactory().registerSingleton("postgresProbe", probe);
			})
			.run();
		this.nodes.add(context);
		return context.getBean(QTasks.class);
	}

	@Override
	public void addOne() {
		this.worker.addTask(JdbcBenchmarkApplication.COUNTED);
	}

	@Override
	public void addBatch(int count) {
		List<TaskRequest> requests = new ArrayList<>(count);
		for (int i = 0; i < count; i++) {
			requests.add(this.worker.task(JdbcBenchmarkApplication.COUNTED));
		}
		this.worker.addAll(requests);
	}

	@Override
	public void addPickup(int index) {
		this.client.addTask(JdbcBenchmarkApplication.PICKUP, index);
	}

	@Override
	public boolean awaitStored(Duration timeout) throws InterruptedException {
		return PostgresWait.until(timeout, POLL,
				() -> this.database.count("SELECT count(*) FROM qtasks_task WHERE status <> 'success'") == 0);
	}

	@Override
	public void close() {
		for (int i = this.nodes.size() - 1; i >= 0; i--) {
			this.nodes.get(i).close();
		}
		this.pools.forEach(HikariDataSource::close);
	}

}
