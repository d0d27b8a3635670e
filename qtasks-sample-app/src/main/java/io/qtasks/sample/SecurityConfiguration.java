package io.qtasks.sample;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.boot.security.autoconfigure.actuate.web.servlet.EndpointRequest;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.util.matcher.AndRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;

/**
 * Who may do what over HTTP. The task API ({@code /tasks/**}) and the actuator's reads
 * are open, as the README's examples expect; every other actuator request, so cancel
 * ({@code DELETE}) and requeue ({@code POST}) on {@code /actuator/qtasks/{uuid}}, needs a
 * signed-in user, and the {@code qtasks} endpoint itself lets only users with a role of
 * {@code management.endpoint.qtasks.roles} ({@code QTASKS_ADMIN}) write. The dashboard
 * ({@code /qtasks/}) needs a signed-in user too. The users are Boot's
 * {@code spring.security.user.*} in {@code application.yml}.
 * <p>
 * HTTP clients such as curl send HTTP Basic credentials with each request; a browser
 * signs in once with a form and its session's cookie carries the user to the dashboard
 * and to the endpoint it calls. Requests of a session need a CSRF token (the dashboard
 * sends the one of the {@code XSRF-TOKEN} cookie); requests that carry no session cookie
 * cannot be forged by another site that way, so they need none.
 * <p>
 * A real application would likely also want the actuator's reads signed in: the task
 * records show their arguments.
 *
 * @author QTasks contributors
 */
@Configuration(proxyBeanMethods = false)
class SecurityConfiguration {

	@Bean
	SecurityFilterChain securityFilterChain(HttpSecurity http) {
		RequestMatcher endpointWithoutSession = new AndRequestMatcher(EndpointRequest.toAnyEndpoint(),
				SecurityConfiguration::hasNoSession);
		return http
			.authorizeHttpRequests((requests) -> requests
				.requestMatchers(EndpointRequest.toAnyEndpoint().withHttpMethod(HttpMethod.GET))
				.permitAll()
				.requestMatchers(EndpointRequest.toAnyEndpoint())
				.authenticated()
				.requestMatchers("/tasks/**", "/error")
				.permitAll()
				.requestMatchers(HttpMethod.GET, "/qtasks", "/qtasks/**")
				.authenticated()
				.anyRequest()
				.denyAll())
			.httpBasic(Customizer.withDefaults())
			.formLogin(Customizer.withDefaults())
			.csrf((csrf) -> csrf.spa()
				.ignoringRequestMatchers(endpointWithoutSession)
				.ignoringRequestMatchers("/tasks/**"))
			.build();
	}

	private static boolean hasNoSession(HttpServletRequest request) {
		return request.getRequestedSessionId() == null;
	}

}
