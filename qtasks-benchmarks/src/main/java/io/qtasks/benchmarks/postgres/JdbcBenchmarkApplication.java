package io.qtasks.benchmarks.postgres;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Bean;

import io.qtasks.TaskContext;
import io.qtasks.annotation.QTask;

/**
 * The application of each QTasks JDBC node: Boot's auto-configuration, the benchmark's
 * no-op tasks, and the pool and probe the harness registers before the context starts.
 *
 * @author QTasks contributors
 */
@SpringBootConfiguration(proxyBeanMethods = false)
@EnableAutoConfiguration
public class JdbcBenchmarkApplication {

	/**
	 * The counted no-op task.
	 */
	static final String COUNTED = "pg_noop_counted";

	/**
	 * The pickup task, with its index as the one argument.
	 */
	static final String PICKUP = "pg_noop_pickup";

	@Bean
	JdbcNoopTasks jdbcNoopTasks(PostgresProbe probe) {
		return new JdbcNoopTasks(probe);
	}

	/**
	 * The no-op tasks.
	 */
	static class JdbcNoopTasks {

		private final PostgresProbe probe;

		JdbcNoopTasks(PostgresProbe probe) {
			this.probe = probe;
		}

		@QTask(name = COUNTED)
		public void counted(TaskContext context) {
			this.probe.ran();
		}

		@QTask(name = PICKUP)
		public void pickup(int index) {
			this.probe.started(index);
		}

	}

}
