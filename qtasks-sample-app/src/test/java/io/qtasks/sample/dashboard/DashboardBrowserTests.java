package io.qtasks.sample.dashboard;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.NoAlertPresentException;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
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
import io.qtasks.TaskStatus;
import io.qtasks.sample.SampleApplication;
import io.qtasks.worker.QTasksWorker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

/**
 * The sample application's dashboard in a browser (headless Chromium, else HtmlUnit; see
 * {@link Browsers}), signed in as the sample's admin: its numbers are the endpoint's, a
 * failed task shows its traceback, a queued task is cancelled from the list, and an
 * argument that is a script is shown as text. The worker runs one task at a time, and a
 * task holds that slot, so that a task added after it stays queued.
 * <p>
 * With {@code -Ddashboard.screenshots=true} it writes {@code docs/dashboard-overview.png}
 * and {@code docs/dashboard-task.png}.
 *
 * @author QTasks contributors
 */
@SpringBootTest(classes = SampleApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "sample.seed.run-on-startup=false", "qtasks.worker.concurrency=1",
				"qtasks.name=dashboard-browser-tests" })
@Import(GateTasks.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DashboardBrowserTests {

	private static final Duration WAIT = Duration.ofSeconds(20);

	private static final String SCRIPT = "<script>alert(1)</script>";

	private static final Path DOCS = Path.of("..", "docs");

	private final JsonMapper json = JsonMapper.builder().build();

	private final HttpClient http = HttpClient.newHttpClient();

	@LocalServerPort
	private int port;

	@Value("${spring.security.user.password}")
	private String password;

	@Autowired
	private QTasks qtasks;

	@Autowired
	private GateTasks gate;

	@Autowired
	private QTasksWorker worker;

	private WebDriver browser;

	private int loads;

	private Task failed;

	private Task script;

	private Task queued;

	private List<Task> group;

	@BeforeAll
	void startTheBrowserAndTheTasks() {
		this.failed = finished(this.qtasks.addTask("fetch_rate", "XYZ"));
		this.script = finished(this.qtasks.addTask("fetch_rate", SCRIPT));
		finished(this.qtasks.addTask("fetch_rate", "EUR"));
		Task holding = this.qtasks.addTask("hold_the_slot");
		await().atMost(WAIT)
			.until(() -> this.qtasks.get(holding.uuid()).map(Task::status).orElseThrow() == TaskStatus.PROCESS);
		this.queued = this.qtasks.addTask("fetch_rate", "GBP");
		this.group = this.qtasks.group(this.qtasks.task("fetch_rate").args("JPY"),
				this.qtasks.task("fetch_rate").args("EUR"));
		this.browser = Browsers.start();
		signIn();
	}

	@AfterAll
	void stop() {
		this.gate.open();
		if (this.browser != null) {
			this.browser.quit();
		}
	}

	@AfterEach
	void noErrorsInTheConsole() {
		assertThat(Browsers.consoleErrors(this.browser)).as("errors in the browser's console").isEmpty();
	}

	@Test
	void theOverviewShowsTheEndpointsNumbers() throws Exception {
		open("#/");
		JsonNode endpoint = endpoint();
		waitUntil(() -> {
			for (String status : List.of("new", "process", "retry", "success", "error", "cancel")) {
				String shown = this.browser.findElement(By.id("count-" + status)).getText();
				if (!shown.equals(endpoint.path("counts").path(status).asString())) {
					return false;
				}
			}
			return true;
		});
		assertThat(text("queue-depth")).isEqualTo(endpoint.path("queue").path("depth").asString());
		assertThat(text("nodes")).contains(endpoint.path("nodes").get(0).path("id").asString());
		assertThat(text("definitions")).contains("fetch_rate", "build_report", "hold_the_slot");
		// named queues show while one has work, schedules when the app has any
		JsonNode queues = endpoint.path("queues");
		assertThat(this.browser.findElement(By.id("queues")).isDisplayed()).isEqualTo(queues.isObject());
		if (queues.isObject()) {
			assertThat(text("queues")).contains(queues.propertyNames());
		}
		assertThat(this.browser.findElement(By.id("nav-schedules")).isDisplayed())
			.isEqualTo(endpoint.path("schedules").isArray());
		// the chart draws a line per outcome once it has two counts to compare
		waitUntil(
				() -> !this.browser.findElements(By.cssSelector("#chart polyline[data-outcome='success']")).isEmpty());
		screenshot("dashboard-overview.png");
		assertUsableAtPhoneWidth();
	}

	@Test
	void aFailedTaskShowsItsTraceback() throws Exception {
		open("#/task/" + this.failed.uuid());
		WebElement traceback = waitFor(By.id("traceback"));
		assertThat(traceback.getText()).startsWith("java.lang.IllegalArgumentException: No rate for currency 'XYZ'")
			.contains("at io.qtasks.sample.RateTasks.fetchRate");
		assertThat(text("view")).contains("fetch_rate", "error", "Rate service timed out (attempt 1)");
		// every attempt names the worker node that ran it
		assertThat(text("view")).contains("node", this.worker.getId());
		screenshot("dashboard-task.png");
	}

	@Test
	void aQueuedTaskIsCancelledFromTheList() {
		open("#/tasks?status=new");
		By cancel = By.cssSelector("tr[data-uuid='" + this.queued.uuid() + "'] button[data-action='cancel']");
		waitFor(cancel).click();
		WebElement confirm = waitFor(By.id("confirm-yes"));
		assertThat(text("confirm-text")).contains(this.queued.uuid().toString());
		confirm.click();
		await().atMost(WAIT)
			.untilAsserted(() -> assertThat(this.qtasks.get(this.queued.uuid())).get()
				.extracting(Task::status)
				.isEqualTo(TaskStatus.CANCEL));
		waitUntil(() -> text("message").contains("Cancel sent for " + this.queued.uuid()));
		waitUntil(() -> this.browser.findElements(By.cssSelector("tr[data-uuid='" + this.queued.uuid() + "']"))
			.isEmpty());
	}

	@Test
	void aScriptInAnArgumentIsShownAsText() {
		open("#/task/" + this.script.uuid());
		WebElement args = waitFor(By.id("task-args"));
		assertThat(args.getText()).contains(SCRIPT);
		assertThat(text("traceback")).contains("No rate for currency '" + SCRIPT + "'");
		assertThat(this.browser.findElements(By.cssSelector("#view script"))).isEmpty();
		open("#/tasks?task=fetch_rate");
		waitUntil(() -> text("task-list").contains(SCRIPT));
		assertThatExceptionOfType(NoAlertPresentException.class).isThrownBy(() -> this.browser.switchTo().alert());
	}

	@Test
	void aWorkflowStepShowsItsWorkflow() {
		Task second = this.group.get(1);
		open("#/task/" + second.uuid());
		WebElement workflow = waitFor(By.id("workflow"));
		assertThat(workflow.getText()).contains("group");
		waitUntil(() -> this.browser
			.findElements(By.cssSelector("#view a[href='#/task/" + this.group.get(0).uuid() + "']"))
			.size() > 0);
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

	private JsonNode endpoint() throws IOException, InterruptedException {
		HttpResponse<String> response = this.http.send(
				HttpRequest.newBuilder(URI.create(base() + "/actuator/qtasks")).GET().build(),
				HttpResponse.BodyHandlers.ofString());
		assertThat(response.statusCode()).isEqualTo(200);
		return this.json.readTree(response.body());
	}

	private void assertUsableAtPhoneWidth() {
		if (!Browsers.isChromium(this.browser)) {
			return;
		}
		Dimension desktop = this.browser.manage().window().getSize();
		try {
			this.browser.manage().window().setSize(new Dimension(390, 844));
			waitUntil(() -> {
				Object overflow = ((JavascriptExecutor) this.browser)
					.executeScript("return document.documentElement.scrollWidth - window.innerWidth;");
				return ((Number) overflow).intValue() <= 0;
			});
			assertThat(this.browser.findElement(By.id("count-error")).isDisplayed()).isTrue();
			assertThat(this.browser.findElement(By.id("search-uuid")).isDisplayed()).isTrue();
		}
		finally {
			this.browser.manage().window().setSize(desktop);
		}
	}

	private void screenshot(String name) throws IOException {
		if (!Boolean.getBoolean("dashboard.screenshots") || !Browsers.isChromium(this.browser)) {
			return;
		}
		this.browser.manage().window().setSize(new Dimension(1280, 900));
		byte[] png = ((TakesScreenshot) this.browser).getScreenshotAs(OutputType.BYTES);
		Files.write(DOCS.resolve(name), png);
	}

	private String text(String id) {
		return this.browser.findElement(By.id(id)).getText();
	}

	private WebElement waitFor(By element) {
		return new WebDriverWait(this.browser, WAIT).until(ExpectedConditions.visibilityOfElementLocated(element));
	}

	private void waitUntil(java.util.function.BooleanSupplier condition) {
		new WebDriverWait(this.browser, WAIT).ignoring(org.openqa.selenium.StaleElementReferenceException.class)
			.until((driver) -> condition.getAsBoolean());
	}

	private Task finished(Task task) {
		return this.qtasks.waitResult(task.uuid(), WAIT).orElseThrow();
	}

	private String base() {
		return "http://localhost:" + this.port;
	}

}
