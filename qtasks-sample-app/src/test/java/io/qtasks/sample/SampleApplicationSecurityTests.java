package io.qtasks.sample;

import java.util.UUID;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

import io.qtasks.CancelOutcome;
import io.qtasks.QTasks;
import io.qtasks.Task;
import io.qtasks.TaskStatus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;

/**
 * The sample application's security, as its README describes it: the task API and the
 * actuator's reads need no credentials, cancel and requeue on {@code /actuator/qtasks}
 * need the {@code admin} user of {@code application.yml}. The worker is off, so a task
 * stays queued unless a write changes it.
 *
 * @author QTasks contributors
 */
@SpringBootTest(properties = { "sample.seed.run-on-startup=false", "qtasks.worker.enabled=false" })
@AutoConfigureMockMvc
class SampleApplicationSecurityTests {

	@Autowired
	private MockMvcTester mvc;

	@Autowired
	private QTasks qtasks;

	@Value("${spring.security.user.password}")
	private String adminPassword;

	@Test
	void theTaskApiAndTheActuatorsReadsNeedNoCredentials() {
		MvcTestResult created = this.mvc.post()
			.uri("/tasks/fetch_rate")
			.contentType(MediaType.APPLICATION_JSON)
			.content("{\"args\": [\"EUR\"]}")
			.exchange();
		assertThat(created).hasStatus(HttpStatus.CREATED);
		String location = created.getResponse().getHeader("Location");
		assertThat(this.mvc.get().uri(location)).hasStatusOk();
		assertThat(this.mvc.get().uri("/actuator/qtasks{path}", location.substring("/tasks".length()))).hasStatusOk()
			.bodyJson()
			.extractingPath("$.status")
			.isEqualTo("new");
		assertThat(this.mvc.get().uri("/actuator/qtasks")).hasStatusOk();
		assertThat(this.mvc.get().uri("/actuator/health")).hasStatusOk();
	}

	@Test
	void anonymousCancelAndRequeueAreRefusedAndNothingChanges() {
		Task queued = this.qtasks.addTask("fetch_rate", "EUR");
		assertThat(this.mvc.delete().uri("/actuator/qtasks/{uuid}", queued.uuid())).hasStatus(HttpStatus.UNAUTHORIZED);
		assertThat(this.qtasks.get(queued.uuid())).get().extracting(Task::status).isEqualTo(TaskStatus.NEW);
		Task cancelled = cancelled(queued.uuid());
		assertThat(
				this.mvc.post().uri("/actuator/qtasks/{uuid}", queued.uuid()).contentType(MediaType.APPLICATION_JSON))
			.hasStatus(HttpStatus.UNAUTHORIZED);
		assertThat(this.qtasks.get(queued.uuid())).get().isEqualTo(cancelled);
	}

	@Test
	void aWrongPasswordIsRefused() {
		Task queued = this.qtasks.addTask("fetch_rate", "EUR");
		assertThat(this.mvc.delete().uri("/actuator/qtasks/{uuid}", queued.uuid()).with(httpBasic("admin", "guess")))
			.hasStatus(HttpStatus.UNAUTHORIZED);
		assertThat(this.qtasks.get(queued.uuid())).get().extracting(Task::status).isEqualTo(TaskStatus.NEW);
	}

	@Test
	void theAdminMayCancelAndRequeue() {
		Task queued = this.qtasks.addTask("fetch_rate", "EUR");
		assertThat(this.mvc.delete()
			.uri("/actuator/qtasks/{uuid}?reason=not needed", queued.uuid())
			.with(httpBasic("admin", this.adminPassword))).hasStatusOk()
			.bodyJson()
			.extractingPath("$.outcome")
			.isEqualTo("CANCELLED");
		assertThat(this.qtasks.get(queued.uuid())).get()
			.satisfies((task) -> assertThat(task.status()).isEqualTo(TaskStatus.CANCEL))
			.satisfies((task) -> assertThat(task.cancelReason()).isEqualTo("not needed"));
		assertThat(this.mvc.post()
			.uri("/actuator/qtasks/{uuid}", queued.uuid())
			.contentType(MediaType.APPLICATION_JSON)
			.with(httpBasic("admin", this.adminPassword))).hasStatusOk()
			.bodyJson()
			.extractingPath("$.outcome")
			.isEqualTo("REQUEUED");
		assertThat(this.qtasks.get(queued.uuid())).get().extracting(Task::status).isEqualTo(TaskStatus.NEW);
	}

	@Test
	void theDashboardNeedsASignedInUser() {
		assertThat(this.mvc.get().uri("/qtasks/").accept(MediaType.TEXT_HTML)).hasStatus3xxRedirection()
			.redirectedUrl()
			.endsWith("/login");
		assertThat(this.mvc.get().uri("/qtasks/").with(httpBasic("admin", this.adminPassword))).hasStatusOk()
			.hasContentTypeCompatibleWith(MediaType.TEXT_HTML);
	}

	@Test
	void aBrowserSessionsWritesNeedTheCsrfToken() {
		Task queued = this.qtasks.addTask("fetch_rate", "EUR");
		RequestPostProcessor session = (request) -> {
			request.setRequestedSessionId("a-browser-session");
			return request;
		};
		assertThat(this.mvc.delete()
			.uri("/actuator/qtasks/{uuid}", queued.uuid())
			.with(httpBasic("admin", this.adminPassword))
			.with(session)).hasStatus(HttpStatus.FORBIDDEN);
		assertThat(this.qtasks.get(queued.uuid())).get().extracting(Task::status).isEqualTo(TaskStatus.NEW);
		assertThat(this.mvc.delete()
			.uri("/actuator/qtasks/{uuid}", queued.uuid())
			.with(httpBasic("admin", this.adminPassword))
			.with(session)
			.with(csrf())).hasStatusOk();
		assertThat(this.qtasks.get(queued.uuid())).get().extracting(Task::status).isEqualTo(TaskStatus.CANCEL);
	}

	private Task cancelled(UUID uuid) {
		assertThat(this.qtasks.cancel(uuid, "cancelled by the application")).isEqualTo(CancelOutcome.CANCELLED);
		return this.qtasks.get(uuid).orElseThrow();
	}

}
