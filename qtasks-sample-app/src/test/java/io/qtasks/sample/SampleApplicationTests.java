package io.qtasks.sample;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.data.redis.health.DataRedisHealthIndicator;
import org.springframework.boot.data.redis.health.DataRedisReactiveHealthIndicator;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.context.ApplicationContext;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;

import io.qtasks.QTasks;
import io.qtasks.Task;
import io.qtasks.TaskStatus;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The sample application on the embedded default: the seed example, and enqueueing over
 * HTTP.
 *
 * @author QTasks contributors
 */
@SpringBootTest(properties = { "sample.seed.pause=200ms", "sample.seed.run-on-startup=true" })
@AutoConfigureMockMvc
@ExtendWith(OutputCaptureExtension.class)
class SampleApplicationTests {

	private static final Duration WAIT = Duration.ofSeconds(30);

	@Autowired
	private QTasks qtasks;

	@Autowired
	private MockMvcTester mvc;

	@Autowired
	private ApplicationContext context;

	@Test
	void seedExampleCancelsItselfAndLogsLikeTheSeed(CapturedOutput output) {
		Task result = this.qtasks.task("test_echo_ctx").addAndWait(WAIT);
		assertThat(result.status()).isEqualTo(TaskStatus.CANCEL);
		assertThat(result.cancelReason()).isEqualTo("Test task canceled");
		assertThat(result.returning()).isNull();
		assertThat(result.priority()).isEqualTo(1);
		assertThat(result.toString())
			.startsWith("Task(status=cancel, uuid=" + result.uuid() + ", taskName=test_echo_ctx,")
			.endsWith("cancelReason=Test task canceled)");
		String taskLogger = "qtasks.task.test_echo_ctx";
		assertThat(output).contains(taskLogger)
			.contains("This is a test task!")
			.contains("QTasksProperties(name=sample")
			.contains("UUID: " + result.uuid())
			.contains("Name: test_echo_ctx")
			.contains("Tags: [test]")
			.contains("Priority: 1")
			.contains("Extra parameters: {test=test}")
			.contains("Retries via parameter: 3")
			.contains("Exceptions for retry: [class java.util.NoSuchElementException]")
			.contains("Is self called: true")
			.contains("Task " + result.uuid() + " was canceled due to: Test task canceled");
	}

	@Test
	void seedRunnerLogsTheClientSideAtStartup(CapturedOutput output) {
		assertThat(output).contains("Client: Task(status=cancel, uuid=")
			.contains("taskName=test_echo_ctx")
			.contains("cancelReason=Test task canceled)");
	}

	@Test
	void enqueuesOverHttpAndReadsTheRecordBack() {
		MvcTestResult created = this.mvc.post()
			.uri("/tasks/build_report")
			.contentType(MediaType.APPLICATION_JSON)
			.content("""
					{"kwargs": {"request": {"customer": "acme", "from": "2026-11-01", "to": "2026-11-30",
					  "lines": [{"item": "bolts", "quantity": 3, "unitPriceCents": 250},
					            {"item": "nuts", "quantity": 10, "unitPriceCents": 15}]}},
					 "priority": 2}
					""")
			.exchange();
		assertThat(created).hasStatus(HttpStatus.CREATED);
		assertThat(created).bodyJson().extractingPath("$.status").isEqualTo("new");
		assertThat(created).bodyJson().extractingPath("$.priority").isEqualTo(2);
		UUID uuid = UUID.fromString(created.getResponse().getHeader("Location").substring("/tasks/".length()));
		assertThat(this.qtasks.waitResult(uuid, WAIT)).get().extracting(Task::status).isEqualTo(TaskStatus.SUCCESS);
		MvcTestResult read = this.mvc.get().uri("/tasks/{uuid}", uuid).exchange();
		assertThat(read).hasStatusOk();
		assertThat(read).bodyJson().extractingPath("$.status").isEqualTo("success");
		assertThat(read).bodyJson()
			.extractingPath("$.returning")
			.isEqualTo(Map.of("customer", "acme", "days", 30, "totalCents", 900, "items",
					java.util.List.of("bolts", "nuts")));
	}

	@Test
	void flakyTaskSucceedsOnItsThirdAttempt() {
		MvcTestResult created = this.mvc.post()
			.uri("/tasks/fetch_rate")
			.contentType(MediaType.APPLICATION_JSON)
			.content("{\"args\": [\"EUR\"]}")
			.exchange();
		assertThat(created).hasStatus(HttpStatus.CREATED);
		UUID uuid = UUID.fromString(created.getResponse().getHeader("Location").substring("/tasks/".length()));
		Task done = this.qtasks.waitResult(uuid, WAIT).orElseThrow();
		assertThat(done.status()).isEqualTo(TaskStatus.SUCCESS);
		assertThat(done.attempt()).isEqualTo(3);
		assertThat(done.returning()).isEqualTo(0.92);
	}

	@Test
	void unknownTaskIsAcceptedAndEndsInError() {
		MvcTestResult created = this.mvc.post()
			.uri("/tasks/no_such_task")
			.contentType(MediaType.APPLICATION_JSON)
			.content("{}")
			.exchange();
		assertThat(created).hasStatus(HttpStatus.CREATED);
		UUID uuid = UUID.fromString(created.getResponse().getHeader("Location").substring("/tasks/".length()));
		Task done = this.qtasks.waitResult(uuid, WAIT).orElseThrow();
		assertThat(done.status()).isEqualTo(TaskStatus.ERROR);
		assertThat(done.traceback()).contains("Unknown task 'no_such_task'");
	}

	@Test
	void healthIsUpWithoutRedis() {
		// Spring Data Redis is on the class path for the redis profile only
		assertThat(this.context.getBeanNamesForType(DataRedisHealthIndicator.class)).isEmpty();
		assertThat(this.context.getBeanNamesForType(DataRedisReactiveHealthIndicator.class)).isEmpty();
		assertThat(this.mvc.get().uri("/actuator/health")).hasStatusOk();
	}

	@Test
	void unknownUuidIsNotFound() {
		assertThat(this.mvc.get().uri("/tasks/{uuid}", UUID.randomUUID())).hasStatus(HttpStatus.NOT_FOUND);
	}

}
