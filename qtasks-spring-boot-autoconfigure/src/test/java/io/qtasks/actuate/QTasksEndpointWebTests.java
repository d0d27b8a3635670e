package io.qtasks.actuate;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.core.task.SimpleAsyncTaskExecutor;
import org.springframework.http.MediaType;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;

import io.qtasks.QTasks;
import io.qtasks.Task;
import io.qtasks.TaskSchedule;
import io.qtasks.TaskSchedules;
import io.qtasks.TaskStatus;
import io.qtasks.annotation.QTask;
import io.qtasks.engine.EngineTestTasks;
import io.qtasks.engine.TaskProbe;
import io.qtasks.worker.QTasksWorker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Every operation of {@code /actuator/qtasks} and the {@code qtasks} health over HTTP
 * (MockMvc, a full Boot application), run against each engine by a subclass. The
 * application has no Spring Security, so its endpoint access is unrestricted explicitly
 * to allow cancel and requeue.
 *
 * @author QTasks contributors
 */
@SpringBootTest(classes = QTasksEndpointWebTests.EndpointTestApplication.class,
		properties = { "management.endpoints.web.exposure.include=health,qtasks",
				"management.endpoint.qtasks.access=unrestricted", "management.endpoint.health.show-details=always",
				"qtasks.worker.concurrency=1" })
@AutoConfigureMockMvc
@DirtiesContext
abstract class QTasksEndpointWebTests {

	private static final Duration WAIT = Duration.ofSeconds(20);

	@Autowired
	private MockMvcTester mvc;

	@Autowired
	private QTasks qtasks;

	@Autowired
	private TaskProbe probe;

	@Autowired
	private QTasksWorker worker;

	@Autowired
	private JsonMapper json;

	@Autowired
	private TaskSchedules schedules;

	/**
	 * The broker type the subclass runs on.
	 * @return the type
	 */
	protected abstract String brokerType();

	@Test
	void overviewShowsBrokerCountsQueueNodesAndDefinitions() {
		await().atMost(WAIT)
			.untilAsserted(() -> assertThat(nodeIds(get("/actuator/qtasks"))).contains(this.worker.getId()));
		Map<String, Object> overview = get("/actuator/qtasks");
		assertThat(overview).containsEntry("broker", brokerType());
		assertThat(map(overview, "counts")).containsOnlyKeys("new", "process", "retry", "success", "error", "cancel");
		assertThat(map(overview, "queue")).containsKeys("depth", "byPriority");
		Map<String, Object> node = list(overview, "nodes").stream()
			.filter((candidate) -> this.worker.getId().equals(candidate.get("id")))
			.findFirst()
			.orElseThrow();
		assertThat(node).containsEntry("host", this.worker.getHost())
			.containsEntry("concurrency", 1)
			.containsKeys("inFlight", "startedAt", "lastHeartbeat");
		Map<String, Object> described = list(overview, "definitions").stream()
			.filter((definition) -> "described".equals(definition.get("name")))
			.findFirst()
			.orElseThrow();
		assertThat(described).containsEntry("description", "Shows every column")
			.containsEntry("tags", List.of("reports", "nightly"))
			.containsEntry("priority", 3)
			.containsEntry("retry", 2)
			.containsEntry("retryOn", List.of(IOException.class.getName()))
			.containsEntry("timeout", "PT30S")
			.containsEntry("executor", "testExecutor")
			.containsKey("method");
		assertThat(map(described, "flow")).containsEntry("queue", "nightly")
			.containsEntry("maxConcurrency", 2)
			.containsEntry("rateLimit", "10/PT1M")
			.containsEntry("running", 0)
			.containsEntry("waiting", 0)
			.containsEntry("waitingForLimit", 0);
		assertThat(overview).containsKeys("queues", "malformedEntries");
		assertThat(list(overview, "definitions")).extracting((definition) -> definition.get("name"))
			.contains("echo", "fail", "flaky", "sleep");
		assertThat(map(overview, "query")).containsEntry("limit", QTasksEndpoint.DEFAULT_LIMIT)
			.containsEntry("status", null)
			.containsEntry("task", null);
	}

	@Test
	void listsRecordsNewestFirstFilteredByStatusAndTask() {
		Task first = finished("fail", "list-1");
		Task second = finished("fail", "list-2");
		Task echoed = finished("echo", "list-3");
		Map<String, Object> errors = get("/actuator/qtasks?status=error&task=fail&limit=2");
		assertThat(uuids(errors)).containsExactly(second.uuid().toString(), first.uuid().toString());
		assertThat(map(errors, "query")).containsEntry("status", "error")
			.containsEntry("task", "fail")
			.containsEntry("limit", 2);
		assertThat(list(errors, "tasks")).allSatisfy((task) -> assertThat(task).containsEntry("status", "error"));
		assertThat(uuids(get("/actuator/qtasks?task=echo&limit=1"))).containsExactly(echoed.uuid().toString());
		Map<String, Object> newest = get("/actuator/qtasks");
		assertThat(uuids(newest)).hasSizeLessThanOrEqualTo(QTasksEndpoint.DEFAULT_LIMIT)
			.startsWith(echoed.uuid().toString());
		assertThat(map(newest, "counts").get("error")).isInstanceOf(Number.class);
	}

	@Test
	void badFiltersAreBadRequests() {
		assertThat(this.mvc.get().uri("/actuator/qtasks?status=exploded")).hasStatus(400);
		assertThat(this.mvc.get().uri("/actuator/qtasks?limit=0")).hasStatus(400);
		assertThat(this.mvc.get().uri("/actuator/qtasks?limit=" + (QTasksEndpoint.MAX_LIMIT + 1))).hasStatus(400);
		assertThat(this.mvc.get().uri("/actuator/qtasks?limit=many")).hasStatus(400);
	}

	@Test
	void readsOneRecordAsTheTaskJson() {
		Task done = finished("echo", "read me");
		Task stored = this.qtasks.get(done.uuid()).orElseThrow();
		MvcTestResult read = this.mvc.get().uri("/actuator/qtasks/{uuid}", done.uuid()).exchange();
		assertThat(read).hasStatusOk().bodyJson().isStrictlyEqualTo(this.json.writeValueAsString(stored));
		assertThat(list(get("/actuator/qtasks?task=echo&limit=1"), "tasks")).containsExactly(body(read));
	}

	@Test
	void readsAWorkflowStepWithTheStatusOfEveryStep() {
		List<Task> steps = this.qtasks.chain(this.qtasks.task("echo").args("first"), this.qtasks.task("echo"));
		assertThat(this.qtasks.waitResult(steps.get(1).uuid(), WAIT).orElseThrow().returning()).isEqualTo("first");
		Map<String, Object> first = body(this.mvc.get().uri("/actuator/qtasks/{uuid}", steps.get(0).uuid()).exchange());
		Map<String, Object> workflow = map(map(first, "extra"), "workflow");
		assertThat(workflow).containsEntry("kind", "chain")
			.containsEntry("step", 1)
			.containsEntry("then", List.of(steps.get(1).uuid().toString()));
		assertThat(list(workflow, "states")).extracting((state) -> state.get("uuid"), (state) -> state.get("status"))
			.containsExactly(org.assertj.core.groups.Tuple.tuple(steps.get(0).uuid().toString(), "success"),
					org.assertj.core.groups.Tuple.tuple(steps.get(1).uuid().toString(), "success"));
	}

	@Test
	void unknownUuidsAreNotFoundAndMalformedOnesBadRequests() {
		UUID unknown = UUID.randomUUID();
		assertThat(this.mvc.get().uri("/actuator/qtasks/{uuid}", unknown)).hasStatus(404);
		assertThat(this.mvc.delete().uri("/actuator/qtasks/{uuid}", unknown)).hasStatus(404)
			.bodyJson()
			.extractingPath("$.outcome")
			.isEqualTo("NOT_FOUND");
		assertThat(this.mvc.post().uri("/actuator/qtasks/{uuid}", unknown).contentType(MediaType.APPLICATION_JSON))
			.hasStatus(404)
			.bodyJson()
			.extractingPath("$.outcome")
			.isEqualTo("NOT_FOUND");
		for (String malformed : List.of("not-a-uuid", "1-2-3-4-5", unknown + "0")) {
			assertThat(this.mvc.get().uri("/actuator/qtasks/{uuid}", malformed)).hasStatus(400);
			assertThat(this.mvc.delete().uri("/actuator/qtasks/{uuid}", malformed)).hasStatus(400);
			assertThat(
					this.mvc.post().uri("/actuator/qtasks/{uuid}", malformed).contentType(MediaType.APPLICATION_JSON))
				.hasStatus(400);
		}
	}

	@Test
	void cancelsQueuedAndRunningTasks() throws InterruptedException {
		Task running = this.qtasks.addTask("sleep", "cancel-over-http");
		assertThat(this.probe.awaitStart("cancel-over-http", WAIT)).isTrue();
		Task queued = this.qtasks.addTask("echo", "waits behind the sleeper");
		assertThat(this.qtasks.get(queued.uuid())).get().extracting(Task::status).isEqualTo(TaskStatus.NEW);

		MvcTestResult cancelled = this.mvc.delete()
			.uri("/actuator/qtasks/{uuid}?reason={reason}", queued.uuid(), "not needed")
			.exchange();
		assertThat(cancelled).hasStatusOk();
		Map<String, Object> body = body(cancelled);
		assertThat(body).containsEntry("outcome", "CANCELLED");
		assertThat(map(body, "task")).containsEntry("status", "cancel").containsEntry("cancelReason", "not needed");

		MvcTestResult requested = this.mvc.delete().uri("/actuator/qtasks/{uuid}", running.uuid()).exchange();
		assertThat(requested).hasStatus(202);
		assertThat(body(requested)).containsEntry("outcome", "CANCEL_REQUESTED");
		Task stopped = this.qtasks.waitResult(running.uuid(), WAIT).orElseThrow();
		assertThat(stopped.status()).isEqualTo(TaskStatus.CANCEL);
		assertThat(stopped.cancelReason()).isEqualTo(QTasksEndpoint.DEFAULT_CANCEL_REASON);

		assertThat(this.mvc.delete().uri("/actuator/qtasks/{uuid}", running.uuid())).hasStatus(409)
			.bodyJson()
			.extractingPath("$.outcome")
			.isEqualTo("ALREADY_FINISHED");
	}

	@Test
	void requeuesATaskThatEndedInError() {
		Task failed = finished("flaky", "requeue-over-http");
		assertThat(failed.status()).isEqualTo(TaskStatus.ERROR);
		MvcTestResult requeued = this.mvc.post()
			.uri("/actuator/qtasks/{uuid}", failed.uuid())
			.contentType(MediaType.APPLICATION_JSON)
			.exchange();
		assertThat(requeued).hasStatusOk();
		Map<String, Object> body = body(requeued);
		assertThat(body).containsEntry("outcome", "REQUEUED");
		assertThat(map(body, "task")).containsEntry("uuid", failed.uuid().toString());
		Task done = this.qtasks.waitResult(failed.uuid(), WAIT).orElseThrow();
		assertThat(done.status()).isEqualTo(TaskStatus.SUCCESS);
		assertThat(done.attempt()).isEqualTo(2);
		assertThat(
				this.mvc.post().uri("/actuator/qtasks/{uuid}", failed.uuid()).contentType(MediaType.APPLICATION_JSON))
			.hasStatus(409)
			.bodyJson()
			.extractingPath("$.outcome")
			.isEqualTo("NOT_REQUEUEABLE");
	}

	@Test
	void listsReadsPausesResumesAndRemovesSchedules() {
		this.schedules.schedule("endpoint-runtime", "echo").cron("0 0 4 * * *").args("at four").add();
		Map<String, Object> nightly = schedule(get("/actuator/qtasks"), "nightly");
		assertThat(nightly).containsEntry("task", "nightly")
			.containsEntry("cron", "0 0 3 * * *")
			.containsEntry("zone", "Europe/Paris")
			.containsEntry("fixedRate", null)
			.containsEntry("args", List.of("acme"))
			.containsEntry("misfire", "RUN_ONCE")
			.containsEntry("source", "annotation")
			.containsEntry("paused", false)
			.containsKeys("lastDueAt", "lastTaskUuid");
		assertThat(Instant.parse((String) nightly.get("nextDueAt"))).isAfter(Instant.now());
		assertThat(schedule(get("/actuator/qtasks"), "endpoint-runtime")).containsEntry("task", "echo")
			.containsEntry("source", "runtime")
			.containsEntry("args", List.of("at four"));

		assertThat(this.mvc.get().uri("/actuator/qtasks/schedules/{name}", "nightly")).hasStatusOk()
			.bodyJson()
			.extractingPath("$.name")
			.isEqualTo("nightly");
		assertThat(this.mvc.get().uri("/actuator/qtasks/schedules/{name}", "no such schedule")).hasStatus(404);

		assertThat(pauseSchedule("nightly", "{\"paused\": true}")).hasStatusOk()
			.bodyJson()
			.extractingPath("$.paused")
			.isEqualTo(true);
		assertThat(this.schedules.get("nightly")).get().extracting(TaskSchedule::paused).isEqualTo(true);
		assertThat(schedule(get("/actuator/qtasks"), "nightly")).containsEntry("paused", true)
			.containsEntry("nextDueAt", null);
		assertThat(pauseSchedule("nightly", "{\"paused\": false}")).hasStatusOk()
			.bodyJson()
			.extractingPath("$.paused")
			.isEqualTo(false);
		assertThat(this.schedules.get("nightly")).get().extracting(TaskSchedule::paused).isEqualTo(false);
		assertThat(pauseSchedule("nightly", "{}")).hasStatus(400);
		assertThat(pauseSchedule("no such schedule", "{\"paused\": true}")).hasStatus(404);

		assertThat(this.mvc.delete().uri("/actuator/qtasks/schedules/{name}", "nightly")).hasStatus(409)
			.bodyJson()
			.extractingPath("$.message")
			.asString()
			.contains("pause it instead");
		assertThat(this.mvc.delete().uri("/actuator/qtasks/schedules/{name}", "endpoint-runtime")).hasStatusOk()
			.bodyJson()
			.extractingPath("$.outcome")
			.isEqualTo("REMOVED");
		assertThat(this.schedules.get("endpoint-runtime")).isEmpty();
		assertThat(this.mvc.delete().uri("/actuator/qtasks/schedules/{name}", "endpoint-runtime")).hasStatus(404);
		assertThat(this.mvc.get().uri("/actuator/qtasks/other/{name}", "nightly")).hasStatus(404);
	}

	@Test
	void delayedTasksShowTheirDueTimeAndTheQueueTellsDueFromWaiting() {
		Task delayed = this.qtasks.task("echo").args("later").delay(Duration.ofHours(1)).add();
		MvcTestResult read = this.mvc.get().uri("/actuator/qtasks/{uuid}", delayed.uuid()).exchange();
		assertThat(read).hasStatusOk();
		assertThat(body(read)).containsEntry("status", "new");
		assertThat(map(body(read), "extra")).containsKey("dueAt");
		Map<String, Object> queue = map(get("/actuator/qtasks"), "queue");
		assertThat(((Number) queue.get("waiting")).longValue()).isGreaterThanOrEqualTo(1);
		assertThat(queue).containsKey("depth");
		this.qtasks.cancel(delayed.uuid(), "done looking");
	}

	private MvcTestResult pauseSchedule(String name, String body) {
		return this.mvc.post()
			.uri("/actuator/qtasks/schedules/{name}", name)
			.contentType(MediaType.APPLICATION_JSON)
			.content(body)
			.exchange();
	}

	private static Map<String, Object> schedule(Map<String, Object> overview, String name) {
		return list(overview, "schedules").stream()
			.filter((schedule) -> name.equals(schedule.get("name")))
			.findFirst()
			.orElseThrow(() -> new AssertionError("no schedule " + name + " in " + overview.get("schedules")));
	}

	@Test
	void requeuesEveryDeadLetterOfATaskInOneCall() {
		Task failedOnce = finished("flaky", "not-requeued-in-bulk");
		List<Task> failed = List.of(finished("fail", "bulk-1"), finished("fail", "bulk-2"));
		assertThat(failed).extracting(Task::status).containsOnly(TaskStatus.ERROR);
		assertThat(failedOnce.status()).isEqualTo(TaskStatus.ERROR);
		long matching = ((List<?>) get("/actuator/qtasks?status=error&task=fail&limit=1000").get("tasks")).size();
		MvcTestResult requeued = this.mvc.post()
			.uri("/actuator/qtasks?status=error&task=fail")
			.contentType(MediaType.APPLICATION_JSON)
			.exchange();
		assertThat(requeued).hasStatusOk();
		assertThat(body(requeued)).containsEntry("requeued", (int) matching)
			.containsEntry("status", "error")
			.containsEntry("task", "fail");
		for (Task task : failed) {
			await().atMost(WAIT)
				.untilAsserted(() -> assertThat(this.qtasks.get(task.uuid())).get()
					.satisfies((current) -> assertThat(current.extra()).containsEntry("requeues", 1))
					.extracting(Task::status)
					.isEqualTo(TaskStatus.ERROR));
		}
		assertThat(this.qtasks.get(failedOnce.uuid())).get().isEqualTo(failedOnce);
		assertThat(this.mvc.post().uri("/actuator/qtasks?status=success").contentType(MediaType.APPLICATION_JSON))
			.hasStatus(400);
	}

	@Test
	void healthIsUpWithTheBrokerAndTheWorker() {
		MvcTestResult health = this.mvc.get().uri("/actuator/health/qtasks").exchange();
		assertThat(health).hasStatusOk();
		Map<String, Object> body = body(health);
		assertThat(body).containsEntry("status", "UP");
		assertThat(map(body, "details")).containsEntry("broker", brokerType()).containsKey("queueDepth");
		assertThat(map(map(body, "details"), "worker")).containsEntry("id", this.worker.getId())
			.containsEntry("running", true);
	}

	private Task finished(String taskName, String argument) {
		Instant before = Instant.now();
		await().atMost(WAIT).until(() -> Instant.now().toEpochMilli() > before.toEpochMilli());
		Task queued = this.qtasks.addTask(taskName, argument);
		return this.qtasks.waitResult(queued.uuid(), WAIT).orElseThrow();
	}

	private Map<String, Object> get(String uri) {
		MvcTestResult result = this.mvc.get().uri(uri).exchange();
		assertThat(result).hasStatusOk();
		return body(result);
	}

	@SuppressWarnings("unchecked")
	private Map<String, Object> body(MvcTestResult result) {
		try {
			return this.json.readValue(result.getResponse().getContentAsString(), Map.class);
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
	}

	@SuppressWarnings("unchecked")
	private static Map<String, Object> map(Map<String, Object> body, String key) {
		return (Map<String, Object>) body.get(key);
	}

	@SuppressWarnings("unchecked")
	private static List<Map<String, Object>> list(Map<String, Object> body, String key) {
		return (List<Map<String, Object>>) body.get(key);
	}

	private static List<Object> uuids(Map<String, Object> body) {
		return list(body, "tasks").stream().map((task) -> task.get("uuid")).toList();
	}

	private static List<Object> nodeIds(Map<String, Object> body) {
		return list(body, "nodes").stream().map((node) -> node.get("id")).toList();
	}

	@SpringBootConfiguration
	// Spring Security is on this module's test class path for QTasksEndpointSecurityTests
	@EnableAutoConfiguration(excludeName = {
			"org.springframework.boot.security.autoconfigure.SecurityAutoConfiguration",
			"org.springframework.boot.security.autoconfigure.web.servlet.ServletWebSecurityAutoConfiguration",
			"org.springframework.boot.security.autoconfigure.actuate.web.servlet.ManagementWebSecurityAutoConfiguration",
			"org.springframework.boot.security.autoconfigure.UserDetailsServiceAutoConfiguration" })
	@Import({ EngineTestTasks.class, DescribedTask.class, NightlyTask.class })
	static class EndpointTestApplication {

		@Bean
		TaskProbe taskProbe() {
			return new TaskProbe();
		}

		@Bean
		SimpleAsyncTaskExecutor testExecutor() {
			return new SimpleAsyncTaskExecutor("test-executor-");
		}

	}

	static class NightlyTask {

		@QTask(name = "nightly", cron = "0 0 3 * * *", zone = "Europe/Paris", args = "[\"acme\"]")
		public String nightly(String customer) {
			return "report of " + customer;
		}

	}

	static class DescribedTask {

		@QTask(name = "described", description = "Shows every column", tags = { "reports", "nightly" }, priority = 3,
				retry = 2, retryOn = IOException.class, timeout = "30s", executor = "testExecutor", queue = "nightly",
				maxConcurrency = 2, rateLimit = "10/1m")
		public String described() {
			return "described";
		}

	}

}
