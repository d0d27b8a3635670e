package io.qtasks.dashboard;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The dashboard on Spring MVC: the page with its endpoint address, caching headers and
 * content types, its assets, and the redirect to the page.
 *
 * @author QTasks contributors
 */
class DashboardWebMvcTests {

	@Nested
	@SpringBootTest(classes = DashboardApplication.class,
			properties = { "management.endpoints.web.exposure.include=qtasks", "qtasks.name=dashboard-mvc-tests" })
	@AutoConfigureMockMvc
	class AtTheDefaultPath {

		@Autowired
		private MockMvcTester mvc;

		@Test
		void redirectsToThePage() {
			assertThat(this.mvc.get().uri("/qtasks")).hasStatus(HttpStatus.MOVED_PERMANENTLY)
				.hasHeader(HttpHeaders.LOCATION, "qtasks/");
		}

		@Test
		void servesThePageWithTheEndpointsAddressRelativeToIt() {
			MvcTestResult page = this.mvc.get().uri("/qtasks/").exchange();
			assertThat(page).hasStatusOk().hasContentTypeCompatibleWith(MediaType.TEXT_HTML);
			assertThat(page.getResponse().getContentType()).isEqualTo("text/html;charset=UTF-8");
			assertThat(page).headers()
				.hasValue(HttpHeaders.CACHE_CONTROL, "no-cache, private")
				.containsHeader(HttpHeaders.LAST_MODIFIED)
				.containsHeader("Content-Security-Policy")
				.hasValue("X-Content-Type-Options", "nosniff");
			assertThat(page).bodyText()
				.contains("<meta name=\"qtasks-endpoint\" content=\"../actuator/qtasks\">")
				.containsPattern("assets/app\\.js\\?v=[0-9a-f]+")
				.containsPattern("assets/app\\.css\\?v=[0-9a-f]+")
				.doesNotContain("@endpoint@", "@version@");
		}

		@Test
		void answersNotModifiedToABrowserThatHasThePage() {
			String lastModified = this.mvc.get().uri("/qtasks/").exchange().getResponse().getHeader("Last-Modified");
			assertThat(this.mvc.get().uri("/qtasks/").header(HttpHeaders.IF_MODIFIED_SINCE, lastModified))
				.hasStatus(HttpStatus.NOT_MODIFIED);
			String anHourBefore = DateTimeFormatter.RFC_1123_DATE_TIME
				.format(Instant.now().minusSeconds(3600).atOffset(ZoneOffset.UTC));
			assertThat(this.mvc.get().uri("/qtasks/").header(HttpHeaders.IF_MODIFIED_SINCE, anHourBefore))
				.hasStatusOk();
		}

		@Test
		void servesTheAssetsWithTheirTypesForADay() {
			assertThat(this.mvc.get().uri("/qtasks/assets/app.js")).hasStatusOk()
				.hasContentTypeCompatibleWith("text/javascript")
				.hasHeader(HttpHeaders.CACHE_CONTROL, "max-age=86400, private")
				.bodyText()
				.contains("qtasks-endpoint");
			assertThat(this.mvc.get().uri("/qtasks/assets/app.css")).hasStatusOk()
				.hasContentTypeCompatibleWith("text/css")
				.hasHeader(HttpHeaders.CACHE_CONTROL, "max-age=86400, private");
			assertThat(this.mvc.get().uri("/qtasks/assets/missing.js")).hasStatus(HttpStatus.NOT_FOUND);
			assertThat(this.mvc.get().uri("/qtasks/assets/../index.html")).hasStatus4xxClientError();
		}

		@Test
		void theEndpointThePageReadsAnswers() {
			assertThat(this.mvc.get().uri("/actuator/qtasks")).hasStatusOk()
				.bodyJson()
				.extractingPath("$.writes")
				.isEqualTo(false);
		}

	}

	@Nested
	@SpringBootTest(classes = DashboardApplication.class,
			properties = { "management.endpoints.web.exposure.include=qtasks",
					"management.endpoints.web.base-path=/manage", "qtasks.dashboard.path=/admin/tasks",
					"qtasks.name=dashboard-mvc-path-tests" })
	@AutoConfigureMockMvc
	class AtAnotherPath {

		@Autowired
		private MockMvcTester mvc;

		@Test
		void servesThePageThereWithTheEndpointsAddress() {
			assertThat(this.mvc.get().uri("/admin/tasks")).hasStatus(HttpStatus.MOVED_PERMANENTLY)
				.hasHeader(HttpHeaders.LOCATION, "tasks/");
			assertThat(this.mvc.get().uri("/admin/tasks/")).hasStatusOk()
				.bodyText()
				.contains("content=\"../../manage/qtasks\"");
			assertThat(this.mvc.get().uri("/admin/tasks/assets/app.js")).hasStatusOk();
			assertThat(this.mvc.get().uri("/qtasks/")).hasStatus(HttpStatus.NOT_FOUND);
		}

	}

	@Nested
	@SpringBootTest(classes = DashboardApplication.class,
			properties = { "management.endpoints.web.exposure.include=qtasks", "qtasks.dashboard.enabled=false",
					"qtasks.name=dashboard-mvc-off-tests" })
	@AutoConfigureMockMvc
	class WhenDisabled {

		@Autowired
		private MockMvcTester mvc;

		@Test
		void servesNothing() {
			assertThat(this.mvc.get().uri("/qtasks/")).hasStatus(HttpStatus.NOT_FOUND);
			assertThat(this.mvc.get().uri("/qtasks/assets/app.js")).hasStatus(HttpStatus.NOT_FOUND);
			assertThat(this.mvc.get().uri("/actuator/qtasks")).hasStatusOk();
		}

	}

	// no Spring Security here: the application's own security guards the dashboard,
	// as the sample application's tests show
	@SpringBootApplication(proxyBeanMethods = false, excludeName = {
			"org.springframework.boot.security.autoconfigure.SecurityAutoConfiguration",
			"org.springframework.boot.security.autoconfigure.web.servlet.ServletWebSecurityAutoConfiguration",
			"org.springframework.boot.security.autoconfigure.actuate.web.servlet.ManagementWebSecurityAutoConfiguration",
			"org.springframework.boot.security.autoconfigure.UserDetailsServiceAutoConfiguration" })
	static class DashboardApplication {

	}

}
