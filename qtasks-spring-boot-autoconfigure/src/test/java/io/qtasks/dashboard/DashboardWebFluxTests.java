package io.qtasks.dashboard;

import org.junit.jupiter.api.Test;

import org.springframework.boot.actuate.autoconfigure.endpoint.EndpointAutoConfiguration;
import org.springframework.boot.actuate.autoconfigure.endpoint.web.WebEndpointAutoConfiguration;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration;
import org.springframework.boot.test.context.runner.ReactiveWebApplicationContextRunner;
import org.springframework.boot.webflux.autoconfigure.WebFluxAutoConfiguration;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

import io.qtasks.autoconfigure.QTasksAutoConfiguration;
import io.qtasks.autoconfigure.QTasksDashboardAutoConfiguration;
import io.qtasks.autoconfigure.QTasksEndpointAutoConfiguration;

/**
 * The dashboard on Spring WebFlux: the page, its assets and the redirect, with the same
 * headers as on Spring MVC.
 *
 * @author QTasks contributors
 */
class DashboardWebFluxTests {

	private final ReactiveWebApplicationContextRunner runner = new ReactiveWebApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(JacksonAutoConfiguration.class, WebFluxAutoConfiguration.class,
				QTasksAutoConfiguration.class, EndpointAutoConfiguration.class, WebEndpointAutoConfiguration.class,
				QTasksEndpointAutoConfiguration.class, QTasksDashboardAutoConfiguration.class))
		.withPropertyValues("management.endpoints.web.exposure.include=qtasks", "qtasks.worker.enabled=false",
				"qtasks.name=dashboard-webflux-tests");

	@Test
	void servesThePageAndItsAssets() {
		this.runner.run((context) -> {
			WebTestClient client = WebTestClient.bindToApplicationContext(context).build();
			client.get()
				.uri("/qtasks")
				.exchange()
				.expectStatus()
				.isEqualTo(301)
				.expectHeader()
				.valueEquals(HttpHeaders.LOCATION, "qtasks/");
			client.get()
				.uri("/qtasks/")
				.exchange()
				.expectStatus()
				.isOk()
				.expectHeader()
				.contentType("text/html;charset=UTF-8")
				.expectHeader()
				.cacheControl(org.springframework.http.CacheControl.noCache().cachePrivate())
				.expectHeader()
				.exists(HttpHeaders.LAST_MODIFIED)
				.expectHeader()
				.exists("Content-Security-Policy")
				.expectBody(String.class)
				.value((html) -> org.assertj.core.api.Assertions.assertThat(html)
					.contains("content=\"../actuator/qtasks\""));
			client.get()
				.uri("/qtasks/assets/app.js")
				.exchange()
				.expectStatus()
				.isOk()
				.expectHeader()
				.contentTypeCompatibleWith(MediaType.parseMediaType("text/javascript"))
				.expectHeader()
				.valueEquals(HttpHeaders.CACHE_CONTROL, "max-age=86400, private");
			client.get()
				.uri("/qtasks/assets/app.css")
				.exchange()
				.expectStatus()
				.isOk()
				.expectHeader()
				.contentTypeCompatibleWith(MediaType.parseMediaType("text/css"));
		});
	}

	@Test
	void servesNothingWhenDisabled() {
		this.runner.withPropertyValues("qtasks.dashboard.enabled=false").run((context) -> {
			WebTestClient client = WebTestClient.bindToApplicationContext(context).build();
			client.get().uri("/qtasks/").exchange().expectStatus().isNotFound();
			client.get().uri("/qtasks/assets/app.js").exchange().expectStatus().isNotFound();
		});
	}

}
