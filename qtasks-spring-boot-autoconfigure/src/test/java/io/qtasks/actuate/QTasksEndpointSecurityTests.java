package io.qtasks.actuate;

import java.util.UUID;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.context.annotation.Bean;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.test.web.servlet.assertj.MockMvcTester;

import io.qtasks.CancelOutcome;
import io.qtasks.QTasks;
import io.qtasks.Task;
import io.qtasks.TaskStatus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;

/**
 * {@code /actuator/qtasks} in a servlet application secured by Spring Security (Boot's
 * default filter chains): cancel and requeue need a user with
 * {@code management.endpoint.qtasks.roles}; reads follow Spring Boot's actuator security.
 * The worker is off, so a task stays queued unless a write changes it.
 *
 * @author QTasks contributors
 */
@SpringBootTest(classes = QTasksEndpointSecurityTests.SecuredApplication.class,
		properties = { "management.endpoints.web.exposure.include=health,qtasks", "qtasks.worker.enabled=false" })
@AutoConfigureMockMvc
class QTasksEndpointSecurityTests {

	@Autowired
	private MockMvcTester mvc;

	@Autowired
	private QTasks qtasks;

	@Test
	void anonymousCancelAndRequeueAreRefusedAndNothingChanges() {
		Task queued = this.qtasks.addTask("anything");
		assertThat(this.mvc.delete().uri("/actuator/qtasks/{uuid}", queued.uuid())).hasStatus4xxClientError();
		assertThat(this.mvc.delete().uri("/actuator/qtasks/{uuid}", queued.uuid()).with(csrf()))
			.hasStatus4xxClientError();
		assertUnchanged(queued);
		Task cancelled = cancelledTask();
		assertThat(this.mvc.post()
			.uri("/actuator/qtasks/{uuid}", cancelled.uuid())
			.contentType(MediaType.APPLICATION_JSON)
			.with(csrf())).hasStatus4xxClientError();
		assertStillCancelled(cancelled);
	}

	@Test
	void userWithoutTheRoleMayReadButNotCancelOrRequeue() {
		Task queued = this.qtasks.addTask("anything");
		assertThat(this.mvc.get().uri("/actuator/qtasks/{uuid}", queued.uuid()).with(httpBasic("viewer", "viewer")))
			.hasStatusOk();
		assertThat(this.mvc.delete()
			.uri("/actuator/qtasks/{uuid}", queued.uuid())
			.with(httpBasic("viewer", "viewer"))
			.with(csrf())).hasStatus(HttpStatus.FORBIDDEN)
			.bodyJson()
			.extractingPath("$.message")
			.isEqualTo("Cancel and requeue need a user with one of the roles [QTASKS_ADMIN]");
		assertUnchanged(queued);
		Task cancelled = cancelledTask();
		assertThat(this.mvc.post()
			.uri("/actuator/qtasks/{uuid}", cancelled.uuid())
			.contentType(MediaType.APPLICATION_JSON)
			.with(httpBasic("viewer", "viewer"))
			.with(csrf())).hasStatus(HttpStatus.FORBIDDEN).bodyJson().extractingPath("$.status").isEqualTo(403);
		assertStillCancelled(cancelled);
	}

	@Test
	void userWithTheRoleMayCancelAndRequeue() {
		Task queued = this.qtasks.addTask("anything");
		assertThat(this.mvc.delete()
			.uri("/actuator/qtasks/{uuid}?reason=operator", queued.uuid())
			.with(httpBasic("admin", "admin"))
			.with(csrf())).hasStatusOk().bodyJson().extractingPath("$.outcome").isEqualTo("CANCELLED");
		assertThat(this.qtasks.get(queued.uuid())).get().extracting(Task::status).isEqualTo(TaskStatus.CANCEL);
		assertThat(this.mvc.post()
			.uri("/actuator/qtasks/{uuid}", queued.uuid())
			.contentType(MediaType.APPLICATION_JSON)
			.with(httpBasic("admin", "admin"))
			.with(csrf())).hasStatusOk().bodyJson().extractingPath("$.outcome").isEqualTo("REQUEUED");
		assertThat(this.qtasks.get(queued.uuid())).get().extracting(Task::status).isEqualTo(TaskStatus.NEW);
	}

	@Test
	void scheduleChangesNeedTheRoleToo() {
		this.qtasks.schedules().schedule("guarded", "anything").cron("@daily").add();
		assertThat(this.mvc.post()
			.uri("/actuator/qtasks/schedules/{name}", "guarded")
			.contentType(MediaType.APPLICATION_JSON)
			.content("{\"paused\": true}")
			.with(httpBasic("viewer", "viewer"))
			.with(csrf())).hasStatus(HttpStatus.FORBIDDEN);
		assertThat(this.mvc.delete()
			.uri("/actuator/qtasks/schedules/{name}", "guarded")
			.with(httpBasic("viewer", "viewer"))
			.with(csrf())).hasStatus(HttpStatus.FORBIDDEN);
		assertThat(this.qtasks.schedules().get("guarded")).get()
			.satisfies((schedule) -> assertThat(schedule.paused()).isFalse());
		assertThat(this.mvc.post()
			.uri("/actuator/qtasks/schedules/{name}", "guarded")
			.contentType(MediaType.APPLICATION_JSON)
			.content("{\"paused\": true}")
			.with(httpBasic("admin", "admin"))
			.with(csrf())).hasStatusOk().bodyJson().extractingPath("$.paused").isEqualTo(true);
		assertThat(this.mvc.delete()
			.uri("/actuator/qtasks/schedules/{name}", "guarded")
			.with(httpBasic("admin", "admin"))
			.with(csrf())).hasStatusOk();
		assertThat(this.qtasks.schedules().get("guarded")).isEmpty();
	}

	@Test
	void requeueWithoutJsonReachesNoUncheckedWrite() {
		Task cancelled = cancelledTask();
		assertThat(this.mvc.post()
			.uri("/actuator/qtasks/{uuid}", cancelled.uuid())
			.with(httpBasic("viewer", "viewer"))
			.with(csrf())).hasStatus(HttpStatus.UNSUPPORTED_MEDIA_TYPE);
		assertThat(this.mvc.post()
			.uri("/actuator/qtasks/{uuid}", cancelled.uuid())
			.with(httpBasic("admin", "admin"))
			.with(csrf())).hasStatus(HttpStatus.UNSUPPORTED_MEDIA_TYPE);
		assertStillCancelled(cancelled);
	}

	@Test
	void theOverviewTellsWhetherTheCallerMayWrite() {
		assertThat(this.mvc.get().uri("/actuator/qtasks").with(httpBasic("admin", "admin"))).hasStatusOk()
			.bodyJson()
			.satisfies((json) -> {
				assertThat(json).extractingPath("$.writes").isEqualTo(true);
				assertThat(json).extractingPath("$.broker").isEqualTo("memory");
				assertThat(json).extractingPath("$.counts").isNotNull();
			});
		assertThat(this.mvc.get().uri("/actuator/qtasks").with(httpBasic("viewer", "viewer"))).hasStatusOk()
			.bodyJson()
			.extractingPath("$.writes")
			.isEqualTo(false);
	}

	@Test
	void anonymousReadsFollowBootsActuatorSecurity() {
		assertThat(this.mvc.get().uri("/actuator/qtasks/{uuid}", UUID.randomUUID())).hasStatus(HttpStatus.UNAUTHORIZED);
		assertThat(this.mvc.get().uri("/actuator/health")).hasStatusOk();
	}

	private Task cancelledTask() {
		Task queued = this.qtasks.addTask("anything");
		assertThat(this.qtasks.cancel(queued.uuid(), "cancelled by the application"))
			.isEqualTo(CancelOutcome.CANCELLED);
		return this.qtasks.get(queued.uuid()).orElseThrow();
	}

	private void assertUnchanged(Task queued) {
		Task now = this.qtasks.get(queued.uuid()).orElseThrow();
		assertThat(now.status()).isEqualTo(TaskStatus.NEW);
		assertThat(now.cancelReason()).isNull();
		assertThat(this.qtasks.cancel(queued.uuid(), "still queued")).isEqualTo(CancelOutcome.CANCELLED);
	}

	private void assertStillCancelled(Task cancelled) {
		assertThat(this.qtasks.get(cancelled.uuid())).get().isEqualTo(cancelled);
	}

	@SpringBootConfiguration
	// Spring Data Redis is on the test class path, but this application does not use
	// Redis: without this, Boot's Redis health would be DOWN where no Redis answers
	@EnableAutoConfiguration(
			excludeName = "org.springframework.boot.data.redis.autoconfigure.DataRedisAutoConfiguration")
	static class SecuredApplication {

		@Bean
		InMemoryUserDetailsManager users() {
			return new InMemoryUserDetailsManager(
					User.withUsername("admin").password("{noop}admin").roles("QTASKS_ADMIN").build(),
					User.withUsername("viewer").password("{noop}viewer").roles("VIEWER").build());
		}

	}

}
