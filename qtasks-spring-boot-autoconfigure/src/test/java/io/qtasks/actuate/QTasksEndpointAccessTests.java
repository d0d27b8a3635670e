package io.qtasks.actuate;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.assertj.MockMvcTester;

import io.qtasks.CancelOutcome;
import io.qtasks.QTasks;
import io.qtasks.Task;
import io.qtasks.TaskStatus;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Cancel and requeue over HTTP in a servlet application without Spring Security: off
 * unless {@code management.endpoint.qtasks.access=unrestricted}; reads stay. The worker
 * is off, so a task stays queued unless a write changes it.
 *
 * @author QTasks contributors
 */
class QTasksEndpointAccessTests {

	private static final String EXPOSED = "management.endpoints.web.exposure.include=health,qtasks";

	private static final String NO_WORKER = "qtasks.worker.enabled=false";

	@Nested
	@SpringBootTest(classes = UnsecuredApplication.class, properties = { EXPOSED, NO_WORKER })
	@AutoConfigureMockMvc
	class ByDefault extends Writes {

		@Test
		void cancelIsRefusedWithTheReasonAndNothingChanges() {
			Task queued = this.qtasks.addTask("anything");
			assertThat(cancel(queued)).hasStatus(HttpStatus.FORBIDDEN)
				.bodyJson()
				.extractingPath("$.message")
				.asString()
				.contains("no Spring Security")
				.contains("management.endpoint.qtasks.access=unrestricted");
			assertStillQueued(queued);
		}

		@Test
		void requeueIsRefusedAndNothingChanges() {
			Task cancelled = cancelledTask();
			assertThat(requeue(cancelled)).hasStatus(HttpStatus.FORBIDDEN)
				.bodyJson()
				.extractingPath("$.error")
				.isEqualTo("Forbidden");
			assertThat(this.qtasks.get(cancelled.uuid())).get().isEqualTo(cancelled);
		}

		@Test
		void scheduleChangesAreRefusedAndNothingChanges() {
			this.qtasks.schedules().schedule("refused", "anything").cron("@daily").add();
			assertThat(pauseSchedule("refused")).hasStatus(HttpStatus.FORBIDDEN);
			assertThat(this.mvc.delete().uri("/actuator/qtasks/schedules/{name}", "refused"))
				.hasStatus(HttpStatus.FORBIDDEN);
			assertThat(this.qtasks.schedules().get("refused")).get()
				.satisfies((schedule) -> assertThat(schedule.paused()).isFalse());
			assertThat(this.mvc.get().uri("/actuator/qtasks/schedules/{name}", "refused")).hasStatusOk();
			this.qtasks.schedules().remove("refused");
		}

		@Test
		void bulkRequeueIsRefusedAndNothingChanges() {
			Task cancelled = cancelledTask();
			assertThat(requeueAll("cancel")).hasStatus(HttpStatus.FORBIDDEN);
			assertThat(this.qtasks.get(cancelled.uuid())).get().isEqualTo(cancelled);
		}

		@Test
		void readsStay() {
			Task queued = this.qtasks.addTask("anything");
			assertThat(this.mvc.get().uri("/actuator/qtasks/{uuid}", queued.uuid())).hasStatusOk()
				.bodyJson()
				.extractingPath("$.status")
				.isEqualTo("new");
			assertThat(this.mvc.get().uri("/actuator/qtasks")).hasStatusOk();
		}

	}

	@Nested
	@SpringBootTest(classes = UnsecuredApplication.class,
			properties = { EXPOSED, NO_WORKER, "management.endpoint.qtasks.access=read-only" })
	@AutoConfigureMockMvc
	class WhenReadOnly extends Writes {

		@Test
		void cancelAndRequeueAreNotMappedAndNothingChanges() {
			Task queued = this.qtasks.addTask("anything");
			assertThat(cancel(queued)).hasStatus(HttpStatus.METHOD_NOT_ALLOWED);
			assertStillQueued(queued);
			Task cancelled = cancelledTask();
			assertThat(requeue(cancelled)).hasStatus(HttpStatus.METHOD_NOT_ALLOWED);
			assertThat(requeueAll("cancel")).hasStatus(HttpStatus.METHOD_NOT_ALLOWED);
			assertThat(this.qtasks.get(cancelled.uuid())).get().isEqualTo(cancelled);
			assertThat(this.mvc.get().uri("/actuator/qtasks/{uuid}", queued.uuid())).hasStatusOk();
			this.qtasks.schedules().schedule("read only", "anything").cron("@daily").add();
			assertThat(pauseSchedule("read only")).hasStatus(HttpStatus.METHOD_NOT_ALLOWED);
			assertThat(this.mvc.delete().uri("/actuator/qtasks/schedules/{name}", "read only"))
				.hasStatus(HttpStatus.METHOD_NOT_ALLOWED);
			assertThat(this.qtasks.schedules().get("read only")).isPresent();
		}

	}

	@Nested
	@SpringBootTest(classes = UnsecuredApplication.class,
			properties = { EXPOSED, NO_WORKER, "management.endpoint.qtasks.access=unrestricted" })
	@AutoConfigureMockMvc
	class WhenUnrestricted extends Writes {

		@Test
		void anyoneMayPauseAndRemoveSchedules() {
			this.qtasks.schedules().schedule("open", "anything").cron("@daily").add();
			assertThat(pauseSchedule("open")).hasStatusOk().bodyJson().extractingPath("$.paused").isEqualTo(true);
			assertThat(this.mvc.delete().uri("/actuator/qtasks/schedules/{name}", "open")).hasStatusOk();
			assertThat(this.qtasks.schedules().get("open")).isEmpty();
		}

		@Test
		void anyoneMayCancelAndRequeue() {
			Task queued = this.qtasks.addTask("anything");
			assertThat(cancel(queued)).hasStatusOk().bodyJson().extractingPath("$.outcome").isEqualTo("CANCELLED");
			assertThat(this.qtasks.get(queued.uuid())).get().extracting(Task::status).isEqualTo(TaskStatus.CANCEL);
			assertThat(requeue(queued)).hasStatusOk().bodyJson().extractingPath("$.outcome").isEqualTo("REQUEUED");
			assertThat(this.qtasks.get(queued.uuid())).get().extracting(Task::status).isEqualTo(TaskStatus.NEW);
		}

	}

	abstract static class Writes {

		@Autowired
		protected MockMvcTester mvc;

		@Autowired
		protected QTasks qtasks;

		MockMvcTester.MockMvcRequestBuilder requeueAll(String status) {
			return this.mvc.post()
				.uri("/actuator/qtasks?status={status}", status)
				.contentType(MediaType.APPLICATION_JSON);
		}

		MockMvcTester.MockMvcRequestBuilder cancel(Task task) {
			return this.mvc.delete().uri("/actuator/qtasks/{uuid}", task.uuid());
		}

		MockMvcTester.MockMvcRequestBuilder requeue(Task task) {
			return this.mvc.post().uri("/actuator/qtasks/{uuid}", task.uuid()).contentType(MediaType.APPLICATION_JSON);
		}

		MockMvcTester.MockMvcRequestBuilder pauseSchedule(String name) {
			return this.mvc.post()
				.uri("/actuator/qtasks/schedules/{name}", name)
				.contentType(MediaType.APPLICATION_JSON)
				.content("{\"paused\": true}");
		}

		Task cancelledTask() {
			Task queued = this.qtasks.addTask("anything");
			assertThat(this.qtasks.cancel(queued.uuid(), "cancelled by the application"))
				.isEqualTo(CancelOutcome.CANCELLED);
			return this.qtasks.get(queued.uuid()).orElseThrow();
		}

		void assertStillQueued(Task queued) {
			Task now = this.qtasks.get(queued.uuid()).orElseThrow();
			assertThat(now.status()).isEqualTo(TaskStatus.NEW);
			assertThat(now.cancelReason()).isNull();
		}

	}

	@SpringBootConfiguration
	// Spring Security is on this module's test class path for
	// QTasksEndpointSecurityTests,
	// and Spring Data Redis for the Redis tests; this application uses neither
	@EnableAutoConfiguration(excludeName = {
			"org.springframework.boot.security.autoconfigure.SecurityAutoConfiguration",
			"org.springframework.boot.security.autoconfigure.web.servlet.ServletWebSecurityAutoConfiguration",
			"org.springframework.boot.security.autoconfigure.actuate.web.servlet.ManagementWebSecurityAutoConfiguration",
			"org.springframework.boot.security.autoconfigure.UserDetailsServiceAutoConfiguration",
			"org.springframework.boot.data.redis.autoconfigure.DataRedisAutoConfiguration" })
	static class UnsecuredApplication {

	}

}
