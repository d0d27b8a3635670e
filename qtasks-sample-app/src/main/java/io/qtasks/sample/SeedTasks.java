package io.qtasks.sample;

import java.time.Duration;
import java.util.NoSuchElementException;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

import io.qtasks.TaskSelf;
import io.qtasks.annotation.QTask;

/**
 * The example of the QTasks documentation page on {@code self} and {@code self.ctx}, in
 * Java: it logs through the task's logger, pauses, prints its configuration and every
 * attribute of itself, then cancels itself.
 *
 * @author QTasks contributors
 */
@Component
public class SeedTasks {

	private final Duration pause;

	public SeedTasks(@Value("${sample.seed.pause:5s}") Duration pause) {
		this.pause = pause;
	}

	@QTask(name = "test_echo_ctx", echo = true, tags = "test", priority = 1, retry = 3,
			retryOn = NoSuchElementException.class, extra = "test=test")
	public String testEchoCtx(TaskSelf self) {
		self.ctx().getLogger().info("This is a test task!");
		self.ctx().sleep(this.pause);
		self.ctx().getLogger().info("{}", self.ctx().getConfig());
		self.ctx()
			.getLogger()
			.info("""

					UUID: {}
					Name: {}
					Tags: {}
					Priority: {}
					Extra parameters: {}
					Retries via parameter: {}
					Exceptions for retry: {}
					Function for decorator: {}
					Is self called: {}
					Decoding via parameter: {}
					TaskExecutor via parameter: {}
					Middleware: before={} after={}
					""", self.ctx().taskUuid(), self.taskName(), self.tags(), self.priority(), self.extra(),
					self.retry(), self.retryOn(), self.ctx().generateHandler().orElse(null), self.echo(), self.decode(),
					self.executor().isEmpty() ? "worker pool" : self.executor(), self.middlewaresBefore(),
					self.middlewaresAfter());
		self.ctx().cancel("Test task canceled");
		return "Hello, world!";
	}

}
