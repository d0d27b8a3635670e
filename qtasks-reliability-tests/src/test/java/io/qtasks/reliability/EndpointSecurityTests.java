package io.qtasks.reliability;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.security.autoconfigure.actuate.web.reactive.EndpointRequest;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.core.userdetails.MapReactiveUserDetailsService;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.web.server.SecurityWebFilterChain;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.test.web.reactive.server.WebTestClient.RequestHeadersSpec;
import org.springframework.test.web.reactive.server.WebTestClient.ResponseSpec;

import io.qtasks.CancelOutcome;
import io.qtasks.QTasks;
import io.qtasks.Task;
import io.qtasks.TaskStatus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.reactive.server.SecurityMockServerConfigurers.csrf;
import static org.springframework.security.test.web.reactive.server.SecurityMockServerConfigurers.springSecurity;

/**
 * Who may cancel ({@code DELETE}) and requeue ({@code POST}) tasks through
 * {@code /actuator/qtasks} in WebFlux applications: nobody without Spring Security
 * (unless the endpoint's access is unrestricted explicitly), and with Spring Security's
 * reactive filter chains only a user with the role {@code QTASKS_ADMIN}. Each refused
 * write leaves the task as it was. The workers are off, so a task stays queued unless a
 * write changes it.
 *
 * @author QTasks contributors
 */
class EndpointSecurityTests {

	private static final String EXPOSED = "management.endpoints.web.exposure.include=health,qtasks";

	private static final String NO_WORKER = "qtasks.worker.enabled=false";

	private static final String MEMORY = "qtasks.broker.type=memory";

	@Nested
	@SpringBootTest(classes = UnsecuredApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT,
			properties = { EXPOSED, NO_WORKER, MEMORY })
	class WithoutSpringSecurity extends EndpointCalls {

		@LocalServerPort
		private int port;

		@Override
		WebTestClient client() {
			return WebTestClient.bindToServer().baseUrl("http://localhost:" + this.port).build();
		}

		@Test
		void anonymousCancelIsRefusedWithTheReasonAndNothingChanges() {
			Task queued = queuedTask();
			cancel(queued, null).expectStatus()
				.isForbidden()
				.expectBody()
				.jsonPath("$.message")
				.value(String.class, (message) -> assertThat(message).contains("no Spring Security")
					.contains("management.endpoint.qtasks.access=unrestricted"));
			assertStillQueued(queued);
		}

		@Test
		void anonymousRequeueIsRefusedAndNothingChanges() {
			Task cancelled = cancelledTask();
			requeue(cancelled, null).expectStatus().isForbidden();
			assertUnchanged(cancelled);
		}

		@Test
		void readsStay() {
			Task queued = queuedTask();
			client().get()
				.uri("/actuator/qtasks/{uuid}", queued.uuid())
				.exchange()
				.expectStatus()
				.isOk()
				.expectBody()
				.jsonPath("$.status")
				.isEqualTo("new");
		}

	}

	@Nested
	@SpringBootTest(classes = UnsecuredApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT,
			properties = { EXPOSED, NO_WORKER, MEMORY, "management.endpoint.qtasks.access=unrestricted" })
	class WithoutSpringSecurityWhenUnrestricted extends EndpointCalls {

		@LocalServerPort
		private int port;

		@Override
		WebTestClient client() {
			return WebTestClient.bindToServer().baseUrl("http://localhost:" + this.port).build();
		}

		@Test
		void anonymousCallersMayCancelAndRequeue() {
			Task queued = queuedTask();
			cancel(queued, null).expectStatus().isOk().expectBody().jsonPath("$.outcome").isEqualTo("CANCELLED");
			assertThat(this.qtasks.get(queued.uuid())).get().extracting(Task::status).isEqualTo(TaskStatus.CANCEL);
			requeue(queued, null).expectStatus().isOk().expectBody().jsonPath("$.outcome").isEqualTo("REQUEUED");
			assertThat(this.qtasks.get(queued.uuid())).get().extracting(Task::status).isEqualTo(TaskStatus.NEW);
		}

	}

	/**
	 * Boot's default reactive security: the actuator needs an authenticated user (health
	 * aside), HTTP Basic, and CSRF protection, whose token the client sends.
	 */
	@Nested
	@SpringBootTest(classes = BootSecuredApplication.class, properties = { EXPOSED, NO_WORKER, MEMORY })
	class WithBootsDefaultReactiveSecurity extends EndpointCalls {

		@Autowired
		private ApplicationContext context;

		@Override
		WebTestClient client() {
			return WebTestClient.bindToApplicationContext(this.context)
				.apply(springSecurity())
				.configureClient()
				.build()
				.mutateWith(csrf());
		}

		@Test
		void anonymousCallersAreAskedToAuthenticateAndNothingChanges() {
			Task queued = queuedTask();
			cancel(queued, null).expectStatus().isUnauthorized();
			assertStillQueued(queued);
			Task cancelled = cancelledTask();
			requeue(cancelled, null).expectStatus().isUnauthorized();
			assertUnchanged(cancelled);
		}

		@Test
		void userWithoutTheRoleMayReadButNotCancelOrRequeue() {
			Task queued = queuedTask();
			authenticated(client().get().uri("/actuator/qtasks/{uuid}", queued.uuid()), "viewer").exchange()
				.expectStatus()
				.isOk();
			cancel(queued, "viewer").expectStatus()
				.isForbidden()
				.expectBody()
				.jsonPath("$.message")
				.isEqualTo("Cancel and requeue need a user with one of the roles [QTASKS_ADMIN]");
			assertStillQueued(queued);
			Task cancelled = cancelledTask();
			requeue(cancelled, "viewer").expectStatus().isForbidden();
			assertUnchanged(cancelled);
		}

		@Test
		void userWithTheRoleMayCancelAndRequeue() {
			Task queued = queuedTask();
			cancel(queued, "admin").expectStatus().isOk().expectBody().jsonPath("$.outcome").isEqualTo("CANCELLED");
			assertThat(this.qtasks.get(queued.uuid())).get().extracting(Task::status).isEqualTo(TaskStatus.CANCEL);
			requeue(queued, "admin").expectStatus().isOk().expectBody().jsonPath("$.outcome").isEqualTo("REQUEUED");
			assertThat(this.qtasks.get(queued.uuid())).get().extracting(Task::status).isEqualTo(TaskStatus.NEW);
		}

		@Test
		void requeueWithoutJsonReachesNoUncheckedWrite() {
			Task cancelled = cancelledTask();
			authenticated(client().post().uri("/actuator/qtasks/{uuid}", cancelled.uuid()), "viewer").exchange()
				.expectStatus()
				.isEqualTo(HttpStatus.UNSUPPORTED_MEDIA_TYPE);
			assertUnchanged(cancelled);
		}

	}

	/**
	 * The application's own filter chain lets every caller reach the actuator, with
	 * Spring Security's anonymous authentication for those who send no credentials: the
	 * endpoint itself refuses them.
	 */
	@Nested
	@SpringBootTest(classes = OpenChainApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT,
			properties = { EXPOSED, NO_WORKER, MEMORY })
	class WithAnOpenSecurityWebFilterChain extends EndpointCalls {

		@LocalServerPort
		private int port;

		@Override
		WebTestClient client() {
			return WebTestClient.bindToServer().baseUrl("http://localhost:" + this.port).build();
		}

		@Test
		void anonymousCallersAreRefusedByTheEndpointAndNothingChanges() {
			Task queued = queuedTask();
			cancel(queued, null).expectStatus()
				.isForbidden()
				.expectBody()
				.jsonPath("$.message")
				.isEqualTo("Cancel and requeue need an authenticated user");
			assertStillQueued(queued);
			Task cancelled = cancelledTask();
			requeue(cancelled, null).expectStatus().isForbidden();
			assertUnchanged(cancelled);
		}

		@Test
		void userWithoutTheRoleMayNotCancelOrRequeue() {
			Task queued = queuedTask();
			cancel(queued, "viewer").expectStatus().isForbidden();
			assertStillQueued(queued);
			Task cancelled = cancelledTask();
			requeue(cancelled, "viewer").expectStatus().isForbidden();
			assertUnchanged(cancelled);
		}

		@Test
		void userWithTheRoleMayCancelAndRequeue() {
			Task queued = queuedTask();
			cancel(queued, "admin").expectStatus().isOk().expectBody().jsonPath("$.outcome").isEqualTo("CANCELLED");
			requeue(queued, "admin").expectStatus().isOk().expectBody().jsonPath("$.outcome").isEqualTo("REQUEUED");
			assertThat(this.qtasks.get(queued.uuid())).get().extracting(Task::status).isEqualTo(TaskStatus.NEW);
		}

	}

	/**
	 * Calls to the endpoint, and the tasks they are made on. Users sign in with HTTP
	 * Basic, their name as password.
	 */
	abstract static class EndpointCalls {

		@Autowired
		protected QTasks qtasks;

		abstract WebTestClient client();

		ResponseSpec cancel(Task task, @Nullable String user) {
			return authenticated(client().delete().uri("/actuator/qtasks/{uuid}", task.uuid()), user).exchange();
		}

		ResponseSpec requeue(Task task, @Nullable String user) {
			return authenticated(
					client().post().uri("/actuator/qtasks/{uuid}", task.uuid()).contentType(MediaType.APPLICATION_JSON),
					user)
				.exchange();
		}

		RequestHeadersSpec<?> authenticated(RequestHeadersSpec<?> request, @Nullable String user) {
			return (user != null) ? request.headers((headers) -> headers.setBasicAuth(user, user)) : request;
		}

		Task queuedTask() {
			return this.qtasks.addTask("anything");
		}

		Task cancelledTask() {
			Task queued = queuedTask();
			assertThat(this.qtasks.cancel(queued.uuid(), "cancelled by the application"))
				.isEqualTo(CancelOutcome.CANCELLED);
			return this.qtasks.get(queued.uuid()).orElseThrow();
		}

		void assertStillQueued(Task queued) {
			Task now = this.qtasks.get(queued.uuid()).orElseThrow();
			assertThat(now.status()).isEqualTo(TaskStatus.NEW);
			assertThat(now.cancelReason()).isNull();
		}

		void assertUnchanged(Task task) {
			assertThat(this.qtasks.get(task.uuid())).get().isEqualTo(task);
		}

	}

	/**
	 * Users {@code admin} (role {@code QTASKS_ADMIN}) and {@code viewer} (role
	 * {@code VIEWER}).
	 */
	abstract static class Users {

		@Bean
		MapReactiveUserDetailsService users() {
			return new MapReactiveUserDetailsService(
					User.withUsername("admin").password("{noop}admin").roles("QTASKS_ADMIN").build(),
					User.withUsername("viewer").password("{noop}viewer").roles("VIEWER").build());
		}

	}

	@SpringBootConfiguration
	// Spring Data Redis is on this module's class path; these applications do not use it
	@EnableAutoConfiguration(excludeName = {
			"org.springframework.boot.security.autoconfigure.SecurityAutoConfiguration",
			"org.springframework.boot.security.autoconfigure.ReactiveUserDetailsServiceAutoConfiguration",
			"org.springframework.boot.security.autoconfigure.web.reactive.ReactiveWebSecurityAutoConfiguration",
			"org.springframework.boot.security.autoconfigure.actuate.web.reactive.ReactiveManagementWebSecurityAutoConfiguration",
			"org.springframework.boot.data.redis.autoconfigure.DataRedisAutoConfiguration" })
	static class UnsecuredApplication {

	}

	@SpringBootConfiguration
	@EnableAutoConfiguration(
			excludeName = "org.springframework.boot.data.redis.autoconfigure.DataRedisAutoConfiguration")
	static class BootSecuredApplication extends Users {

	}

	@SpringBootConfiguration
	@EnableAutoConfiguration(
			excludeName = "org.springframework.boot.data.redis.autoconfigure.DataRedisAutoConfiguration")
	static class OpenChainApplication extends Users {

		@Bean
		SecurityWebFilterChain securityWebFilterChain(ServerHttpSecurity http) {
			return http
				.authorizeExchange((exchanges) -> exchanges.matchers(EndpointRequest.toAnyEndpoint()).permitAll())
				.httpBasic(Customizer.withDefaults())
				.anonymous(Customizer.withDefaults())
				.csrf(ServerHttpSecurity.CsrfSpec::disable)
				.build();
		}

	}

}
