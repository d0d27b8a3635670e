package io.qtasks.sample.dashboard;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.function.BooleanSupplier;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.openqa.selenium.By;
import org.openqa.selenium.ElementNotInteractableException;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;

import io.qtasks.QTasks;
import io.qtasks.Task;
import io.qtasks.TaskSchedule;
import io.qtasks.TaskSchedules;
import io.qtasks.TaskStatus;
import io.qtasks.sample.SampleApplication;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The dashboard's sections for named queues with their limits, the bulk requeue and the
 * schedules with pause and resume, in a browser (see {@link Browsers}), against the
 * sample application's real endpoint on the memory engine, signed in as the sample's
 * admin. The test's own tasks make the state to show: two runs of {@code send_email}
 * ({@code emails} queue, one at a time) of which the first holds its slot, so that the
 * second waits for the cap; two of {@code render_report} ({@code reports} queue, one
 * start an hour), so that the second waits for the rate; two failed {@code import_file}
 * tasks that succeed when run again; the cron schedule declared on {@code nightly_digest}
 * and a paused fixed-rate schedule added at run time.
 *
 * @author QTasks contributors
 */
@SpringBootTest(classes = SampleApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "sample.seed.run-on-startup=false", "qtasks.name=dashboard-sections-tests" })
@Import({ LimitedTasks.class, FailOnceTasks.class, ScheduledTasks.class })
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DashboardSectionsBrowserTests {

	private static final Duration WAIT = Duration.ofSeconds(30);

	private final JsonMapper json = JsonMapper.builder().build();

	private final HttpClient http = HttpClient.newHttpClient();

	@LocalServerPort
	private int port;

	@Value("${spring.security.user.password}")
	private String password;

	@Autowired
	private QTasks qtasks;

	@Autowired
	private TaskSchedules schedules;

	@Autowired
	private LimitedTasks limited;

	private WebDriver browser;

	private int loads;

	private List<Task> failures;

	@BeforeAll
	void startTheBrowserAndTheTasks() {
		this.failures = List.of(finished(this.qtasks.addTask("import_file", "rates.csv")),
				finished(this.qtasks.addTask("import_file", "orders.csv")));
		assertThat(this.failures).extracting(Task::status).containsOnly(TaskStatus.ERROR);
		Task sending = this.qtasks.addTask("send_email", "ana@example.com");
		await().atMost(WAIT).until(() -> status(sending) == TaskStatus.PROCESS);
		this.qtasks.addTask("send_email", "bo@example.com");
		finished(this.qtasks.addTask("render_report", "march"));
		this.qtasks.addTask("render_report", "april");
		this.schedules.schedule("heartbeat", "send_heartbeat").fixedRate(Duration.ofHours(1)).add();
		assertThat(this.schedules.pause("heartbeat")).isTrue();
		// the worker stores the declared schedule when it starts
		await().atMost(WAIT).until(() -> this.schedules.get("nightly_digest").isPresent());
		this.browser = Browsers.start();
		signIn();
	}

	@AfterAll
	void stop() {
		this.limited.open();
		if (this.browser != null) {
			this.browser.quit();
		}
	}

	@AfterEach
	void noErrorsInTheConsole() {
		assertThat(Browsers.consoleErrors(this.browser)).as("errors in the browser's console").isEmpty();
	}

	@Test
	void theQueuesShowWhatWaitsForTheirLimits() {
		open("#/");
		// queue, due, running, held by a limit
		waitUntil(() -> cells(queueRow("emails")).equals(List.of("emails", "1", "1", "1")));
		waitUntil(() -> cells(queueRow("reports")).equals(List.of("reports", "1", "0", "1")));
		assertThat(text("definitions")).contains("Queue", "Cap", "Rate");
		// queue, cap, rate
		assertThat(lastThree(cells(definitionRow("send_email")))).containsExactly("emails", "1", "");
		assertThat(lastThree(cells(definitionRow("render_report")))).containsExactly("reports", "", "1/PT1H");
	}

	@Test
	void requeueFailedRunsTheFailedTasksAgain() {
		open("#/");
		waitUntil(() -> text("count-error").equals("2"));
		click(By.id("requeue-failed"));
		waitFor(By.id("confirm-yes"));
		assertThat(text("confirm-text")).isEqualTo("Requeue all 2 failed task(s)?");
		click(By.id("confirm-yes"));
		for (Task failure : this.failures) {
			await().atMost(WAIT)
				.untilAsserted(() -> assertThat(this.qtasks.get(failure.uuid())).get().satisfies((task) -> {
					assertThat(task.status()).isEqualTo(TaskStatus.SUCCESS);
					assertThat(task.returning()).isEqualTo("imported " + failure.args().get(0));
				}));
		}
		waitUntil(() -> text("message").equals("Requeued the failed tasks"));
		waitUntil(() -> text("count-error").equals("0"));
		assertThat(this.browser.findElements(By.id("requeue-failed"))).isEmpty();
	}

	@Test
	void aScheduleIsPausedFromTheList() throws Exception {
		open("#/schedules");
		waitFor(By.id("schedules"));
		// name, task, when, next due, last due, state, action
		List<String> nightly = cells(scheduleRow("nightly_digest"));
		assertThat(nightly.get(2)).isEqualTo("0 0 2 * * * (Europe/Paris)");
		assertThat(nightly.get(3)).isNotEmpty();
		assertThat(nightly.subList(5, 7)).containsExactly("active", "Pause");
		List<String> heartbeat = cells(scheduleRow("heartbeat"));
		assertThat(heartbeat.get(1)).isEqualTo("send_heartbeat");
		assertThat(heartbeat.get(2)).isEqualTo("every PT1H");
		assertThat(heartbeat.subList(5, 7)).containsExactly("paused", "Resume");

		click(By.xpath(scheduleRowPath("nightly_digest") + "//button"));
		waitFor(By.id("confirm-yes"));
		assertThat(text("confirm-text")).isEqualTo("Pause schedule nightly_digest?");
		click(By.id("confirm-yes"));
		await().atMost(WAIT).until(() -> this.schedules.get("nightly_digest").map(TaskSchedule::paused).orElse(false));
		assertThat(endpoint("/schedules/nightly_digest").path("paused").asBoolean()).isTrue();
		waitUntil(() -> text("message").equals("Paused nightly_digest"));
		waitUntil(() -> cells(scheduleRow("nightly_digest")).subList(5, 7).equals(List.of("paused", "Resume")));
		assertThat(this.schedules.get("heartbeat").map(TaskSchedule::paused)).contains(true);
	}

	private void signIn() {
		Browsers.signIn(this.browser, base(), this.password, WAIT);
	}

	private void open(String hash) {
		// a query of its own for each check loads the page anew (a hash change alone
		// would not); the page ignores it
		this.browser.get(base() + "/qtasks/?load=" + (++this.loads) + hash);
		waitFor(By.cssSelector("main#view"));
	}

	private By queueRow(String queue) {
		return By.xpath("//section[@id='queues']//tr[td/a[text()='" + queue + "']]");
	}

	private By definitionRow(String task) {
		return By.xpath("//div[@id='definitions']//tr[td/a[text()='" + task + "']]");
	}

	private By scheduleRow(String name) {
		return By.xpath(scheduleRowPath(name));
	}

	private String scheduleRowPath(String name) {
		return "//div[@id='schedules']//tr[td[1][text()='" + name + "']]";
	}

	private List<String> cells(By row) {
		return this.browser.findElement(row)
			.findElements(By.tagName("td"))
			.stream()
			.map((cell) -> cell.getText().trim())
			.toList();
	}

	private static List<String> lastThree(List<String> cells) {
		return cells.subList(cells.size() - 3, cells.size());
	}

	// the overview redraws its sections every 2 seconds: an element found may be
	// replaced before it is clicked
	private void click(By element) {
		new WebDriverWait(this.browser, WAIT)
			.ignoring(StaleElementReferenceException.class, ElementNotInteractableException.class)
			.until((driver) -> {
				driver.findElement(element).click();
				return true;
			});
	}

	private JsonNode endpoint(String path) throws IOException, InterruptedException {
		HttpResponse<String> response = this.http.send(
				HttpRequest.newBuilder(URI.create(base() + "/actuator/qtasks" + path)).GET().build(),
				HttpResponse.BodyHandlers.ofString());
		assertThat(response.statusCode()).isEqualTo(200);
		return this.json.readTree(response.body());
	}

	private String text(String id) {
		return this.browser.findElement(By.id(id)).getText();
	}

	private WebElement waitFor(By element) {
		return new WebDriverWait(this.browser, WAIT).until(ExpectedConditions.visibilityOfElementLocated(element));
	}

	private void waitUntil(BooleanSupplier condition) {
		new WebDriverWait(this.browser, WAIT).ignoring(StaleElementReferenceException.class)
			.until((driver) -> condition.getAsBoolean());
	}

	private TaskStatus status(Task task) {
		return this.qtasks.get(task.uuid()).map(Task::status).orElseThrow();
	}

	private Task finished(Task task) {
		return this.qtasks.waitResult(task.uuid(), WAIT).orElseThrow();
	}

	private String base() {
		return "http://localhost:" + this.port;
	}

}
