package io.qtasks.reliability.node;

import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.env.Environment;

import io.qtasks.QTasks;

/**
 * Enqueues the {@code slow} tasks named by {@code reliability.slow} ({@code label:millis}
 * entries) at start-up, for nodes on the in-memory broker, which no other process can
 * reach.
 *
 * @author QTasks contributors
 */
class StartupTasks implements ApplicationRunner {

	private final QTasks qtasks;

	private final String[] slow;

	StartupTasks(QTasks qtasks, Environment environment) {
		this.qtasks = qtasks;
		this.slow = environment.getProperty("reliability.slow", String[].class, new String[0]);
	}

	@Override
	public void run(ApplicationArguments args) {
		for (String entry : this.slow) {
			String[] parts = entry.split(":", 2);
			this.qtasks.addTask("slow", parts[0], Long.parseLong(parts[1]));
		}
	}

}
