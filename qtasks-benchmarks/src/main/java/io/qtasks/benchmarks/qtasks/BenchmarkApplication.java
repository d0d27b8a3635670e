package io.qtasks.benchmarks.qtasks;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.data.redis.autoconfigure.ClientResourcesBuilderCustomizer;
import org.springframework.context.annotation.Bean;

/**
 * The application each QTasks node of the harness runs: Boot's auto-configuration (so the
 * node is configured exactly as a user's would be) plus the benchmark's tasks.
 *
 * @author QTasks contributors
 */
@SpringBootConfiguration(proxyBeanMethods = false)
@EnableAutoConfiguration
public class BenchmarkApplication {

	/**
	 * Counts the Redis client's commands, for the round trips per task.
	 */
	@Bean
	ClientResourcesBuilderCustomizer clientCommandCounter() {
		return (resources) -> resources.commandLatencyRecorder(new ClientCommands());
	}

	@Bean
	TaskProbe taskProbe() {
		return new TaskProbe();
	}

	@Bean
	NoopTasks noopTasks(TaskProbe probe) {
		return new NoopTasks(probe);
	}

}
