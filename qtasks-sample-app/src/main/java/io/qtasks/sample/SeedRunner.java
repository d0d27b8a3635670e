package io.qtasks.sample;

import java.time.Duration;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.stereotype.Component;

import io.qtasks.QTasks;
import io.qtasks.Task;

/**
 * The client half of the seed example: enqueues {@code test_echo_ctx} at start-up and
 * logs the record it ends with. Turn off with {@code sample.seed.run-on-startup=false}.
 *
 * @author QTasks contributors
 */
@Component
@ConditionalOnBooleanProperty(name = "sample.seed.run-on-startup", matchIfMissing = true)
class SeedRunner implements ApplicationRunner {

	private static final Logger logger = LoggerFactory.getLogger(SeedRunner.class);

	private final QTasks qtasks;

	SeedRunner(QTasks qtasks) {
		this.qtasks = qtasks;
	}

	@Override
	public void run(ApplicationArguments args) {
		Task result = this.qtasks.task("test_echo_ctx").addAndWait(Duration.ofSeconds(30));
		logger.info("Client: {}", result);
	}

}
