package io.qtasks.sample;

import org.springframework.boot.security.autoconfigure.actuate.web.servlet.EndpointRequest;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.SecurityFilterChain;

/**
 * Who may do what over HTTP. The task API ({@code /tasks/**}) and the actuator's reads
 * are open, as the README's examples expect; every other actuator request, so cancel
 * ({@code DELETE}) and requeue ({@code POST}) on {@code /actuator/qtasks/{uuid}}, needs a
 * user signed in with HTTP Basic, and the {@code qtasks} endpoint itself lets only users
 * with a role of {@code management.endpoint.qtasks.roles} ({@code QTASKS_ADMIN}) write.
 * The users are Boot's {@code spring.security.user.*} in {@code application.yml}.
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
		return http
			.authorizeHttpRequests((requests) -> requests
				.requestMatchers(EndpointRequest.toAnyEndpoint().withHttpMethod(HttpMethod.GET))
				.permitAll()
				.requestMatchers(EndpointRequest.toAnyEndpoint())
				.authenticated()
				.requestMatchers("/tasks/**", "/error")
				.permitAll()
				.anyRequest()
				.denyAll())
			.httpBasic(Customizer.withDefaults())
			// Both are APIs for HTTP clients such as curl, which send credentials with
			// each
			// request rather than a browser session's cookie: no CSRF token to send. Keep
			// CSRF protection for anything a browser session calls.
			.csrf((csrf) -> csrf.ignoringRequestMatchers(EndpointRequest.toAnyEndpoint())
				.ignoringRequestMatchers("/tasks/**"))
			.build();
	}

}
