package io.qtasks.autoconfigure;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Settings of the {@code qtasks} actuator endpoint beyond Spring Boot's own
 * {@code management.endpoint.qtasks.access} (which, without Spring Security, must be
 * {@code unrestricted} explicitly for cancel and requeue over HTTP).
 *
 * @author QTasks contributors
 */
@ConfigurationProperties("management.endpoint.qtasks")
public class QTasksEndpointProperties {

	/**
	 * Roles a user needs to cancel (DELETE) or requeue (POST) tasks through the endpoint
	 * over HTTP when Spring Security guards the application (servlet or reactive). When
	 * empty, any authenticated user may. Reads follow Spring Boot's actuator security.
	 */
	private Set<String> roles = new LinkedHashSet<>(List.of("QTASKS_ADMIN"));

	public Set<String> getRoles() {
		return this.roles;
	}

	public void setRoles(Set<String> roles) {
		this.roles = roles;
	}

}
