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
 * {@code /actuator/qtasks} in an application secured by Spring Security: cancel and
 * requeue need a user with {@code management.endpoint.qtasks.roles}; reads follow Spring
 * Boot's actuator security. The worker is off, so a task stays queued unless a write
 * changes it.
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
	void anonymousCancelIsRefusedAndNothingChanges() {
		Task queued = this.qtasks.addTask("anything");
		assertThat(this.mvc.delete().uri("/actuator/qtasks/{uuid}", queued.uuid())).hasStatus4xxClientError();
		assertThat(this.mvc.delete().uri("/actuator/qtasks/{uuid}", queued.uuid()).with(csrf()))
			.hasStatus4xxClientError();
		assertUnchanged(queued);
	}

	@Test
	void userWithoutTheRoleMayReadButNotCancelOrRequeue() {
		Task queued = this.qtasks.addTask("anything");
		assertThat(this.mvc.get().uri("/actuator/qtasks/{uuid}", queued.uuid()).with(httpBasic("viewer", "viewer")))
			.hasStatusOk();
		assertThat(this.mvc.delete()
			.uri("/actuator/qtasks/{uuid}", queued.uuid())
			.with(httpBasic("viewer", "viewer"))
			.with(csrf())).hasStatus(HttpStatus.FORBIDDEN);
		assertUnchanged(queued);
		this.qtasks.cancel(queued.uuid(), "cancelled by the application");
		assertThat(this.mvc.post()
			.uri("/actuator/qtasks/{uuid}", queued.uuid())
			.with(httpBasic("viewer", "viewer"))
			.with(csrf())).hasStatus(HttpStatus.FORBIDDEN);
		assertThat(this.qtasks.get(queued.uuid())).get().extracting(Task::status).isEqualTo(TaskStatus.CANCEL);
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
			.with(httpBasic("admin", "admin"))
			.with(csrf())).hasStatusOk();
		assertThat(this.qtasks.get(queued.uuid())).get().extracting(Task::status).isEqualTo(TaskStatus.NEW);
	}

	@Test
	void anonymousReadsFollowBootsActuatorSecurity() {
		assertThat(this.mvc.get().uri("/actuator/qtasks/{uuid}", UUID.randomUUID())).hasStatus(HttpStatus.UNAUTHORIZED);
		assertThat(this.mvc.get().uri("/actuator/health")).hasStatusOk();
	}

	private void assertUnchanged(Task queued) {
		Task now = this.qtasks.get(queued.uuid()).orElseThrow();
		assertThat(now.status()).isEqualTo(TaskStatus.NEW);
		assertThat(now.cancelReason()).isNull();
		assertThat(this.qtasks.cancel(queued.uuid(), "still queued")).isEqualTo(CancelOutcome.CANCELLED);
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
