package io.qtasks.sample.dashboard;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import io.qtasks.dashboard.DashboardPage;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The dashboard's sections for what the endpoint reports only in later versions (named
 * queues with their limits, the bulk requeue, schedules with pause and resume): shown
 * when the answer has them. The page reads a stub of the endpoint that answers as such a
 * version would; {@link DashboardBrowserTests} shows them hidden against this version's
 * endpoint.
 *
 * @author QTasks contributors
 */
@SpringBootTest(classes = DashboardSectionsBrowserTests.StubApplication.class,
		webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "qtasks.name=dashboard-sections-tests", "management.endpoints.web.exposure.include=qtasks",
				"qtasks.worker.enabled=false" })
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DashboardSectionsBrowserTests {

	private static final Duration WAIT = Duration.ofSeconds(20);

	@LocalServerPort
	private int port;

	@Autowired
	private StubEndpoint endpoint;

	private WebDriver browser;

	@BeforeAll
	void startTheBrowser() {
		this.browser = Browsers.start();
	}

	@AfterAll
	void stopTheBrowser() {
		if (this.browser != null) {
			this.browser.quit();
		}
	}

	@Test
	void namedQueuesTheirLimitsAndTheBulkRequeue() {
		this.browser.get("http://localhost:" + this.port + "/qtasks/");
		WebElement queues = waitFor(By.id("queues"));
		assertThat(queues.getText()).contains("emails", "reports", "7", "3");
		assertThat(this.browser.findElement(By.id("definitions")).getText()).contains("Cap", "Rate", "100/PT1M");
		waitFor(By.id("requeue-failed")).click();
		waitFor(By.id("confirm-yes")).click();
		waitUntil(() -> this.endpoint.writes.contains("POST ?status=error"));
	}

	@Test
	void schedulesWithPauseAndResume() {
		this.browser.get("http://localhost:" + this.port + "/qtasks/?load=schedules#/schedules");
		WebElement schedules = waitFor(By.id("schedules"));
		assertThat(schedules.getText()).contains("nightly_report", "0 0 2 * * *", "Europe/Paris", "every PT10S",
				"paused");
		assertThat(waitFor(By.id("nav-schedules")).isDisplayed()).isTrue();
		waitFor(By.xpath("//tr[td[text()='nightly_report']]//button")).click();
		waitFor(By.id("confirm-yes")).click();
		waitUntil(() -> this.endpoint.writes.contains("POST schedules/nightly_report {\"paused\":true}"));
	}

	private WebElement waitFor(By element) {
		return new WebDriverWait(this.browser, WAIT).until(ExpectedConditions.visibilityOfElementLocated(element));
	}

	private void waitUntil(java.util.function.BooleanSupplier condition) {
		new WebDriverWait(this.browser, WAIT).until((driver) -> condition.getAsBoolean());
	}

	@SpringBootConfiguration(proxyBeanMethods = false)
	@EnableAutoConfiguration(excludeName = {
			"org.springframework.boot.security.autoconfigure.SecurityAutoConfiguration",
			"org.springframework.boot.security.autoconfigure.web.servlet.ServletWebSecurityAutoConfiguration",
			"org.springframework.boot.security.autoconfigure.actuate.web.servlet.ManagementWebSecurityAutoConfiguration",
			"org.springframework.boot.security.autoconfigure.UserDetailsServiceAutoConfiguration" })
	@Import(StubEndpoint.class)
	static class StubApplication {

		// the dashboard, pointed at the stub instead of /actuator/qtasks
		@Bean
		DashboardPage qtasksDashboardPage() {
			return new DashboardPage("/qtasks", "/stub/qtasks");
		}

	}

	/**
	 * Answers as a later version of the endpoint does, and records the writes it gets.
	 */
	@RestController
	static class StubEndpoint {

		private static final String OVERVIEW = """
				{"broker": "memory", "counts": {"new": 1, "process": 0, "retry": 0, "success": 4, "error": 3, "cancel": 0},
				 "queue": {"depth": 1, "waiting": 0, "byPriority": {"0": 1}},
				 "queues": {"emails": {"depth": 7, "running": 2, "waitingForLimit": 1},
				            "reports": {"depth": 0, "running": 3, "waitingForLimit": 0}},
				 "nodes": [], "writes": true,
				 "definitions": [{"name": "send_email", "description": "", "tags": [], "priority": 0, "retry": 0,
				   "retryOn": [], "timeout": null, "executor": null, "method": "EmailTasks.send(String)",
				   "flow": {"queue": "emails", "maxConcurrency": 2, "rateLimit": "100/PT1M", "running": 2,
				            "waiting": 7, "waitingForLimit": 1}}],
				 "schedules": [
				   {"name": "nightly_report", "task": "send_email", "cron": "0 0 2 * * *", "zone": "Europe/Paris",
				    "fixedRate": null, "args": [], "kwargs": {}, "priority": null, "misfire": "RUN_ONCE",
				    "source": "annotation", "paused": false, "nextDueAt": "2026-12-02T01:00:00Z", "lastDueAt": null,
				    "lastTaskUuid": null},
				   {"name": "heartbeat", "task": "send_email", "cron": null, "zone": null, "fixedRate": "PT10S",
				    "args": [], "kwargs": {}, "priority": null, "misfire": "SKIP", "source": "runtime", "paused": true,
				    "nextDueAt": null, "lastDueAt": null, "lastTaskUuid": null}],
				 "query": {"status": null, "task": null, "limit": 20}, "tasks": []}
				""";

		final List<String> writes = new CopyOnWriteArrayList<>();

		@GetMapping(path = "/stub/qtasks", produces = MediaType.APPLICATION_JSON_VALUE)
		String overview() {
			return OVERVIEW;
		}

		@PostMapping(path = "/stub/qtasks", produces = MediaType.APPLICATION_JSON_VALUE)
		String requeueAll(@RequestParam String status) {
			this.writes.add("POST ?status=" + status);
			return "{\"requeued\": 3, \"status\": \"error\", \"task\": null}";
		}

		@PostMapping(path = "/stub/qtasks/schedules/{name}", produces = MediaType.APPLICATION_JSON_VALUE)
		String pause(@PathVariable String name, @RequestBody String body) {
			this.writes.add("POST schedules/" + name + " " + body.replace(" ", ""));
			return "{}";
		}

	}

}
