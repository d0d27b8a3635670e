package io.qtasks.actuate;

import java.util.Collection;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.actuate.endpoint.SecurityContext;

/**
 * Decides who may change tasks through {@code /actuator/qtasks} (cancel and requeue).
 * Reads are not its business: they follow Spring Boot's exposure, access and actuator
 * security rules.
 * <p>
 * The caller is Spring Boot's actuator {@link SecurityContext}, which Spring MVC and
 * WebFlux both fill in from the request (with Spring Security: its authentication), so
 * one rule serves both stacks. A refused write answers {@code 403} with the reason and
 * changes nothing.
 *
 * @author QTasks contributors
 * @see QTasksEndpointWebExtension
 */
@FunctionalInterface
public interface EndpointWriteAccess {

	/**
	 * Why the caller may not cancel or requeue, if it may not.
	 * @param caller who makes the request
	 * @return the reason for refusing the write, or {@code null} to allow it
	 */
	@Nullable String refusal(SecurityContext caller);

	/**
	 * A rule that allows every write, whoever makes it.
	 * @return the rule
	 */
	static EndpointWriteAccess unrestricted() {
		return (caller) -> null;
	}

	/**
	 * A rule that refuses every write.
	 * @param reason why, and how to turn writes on, for the caller to read
	 * @return the rule
	 */
	static EndpointWriteAccess off(String reason) {
		return (caller) -> reason;
	}

	/**
	 * A rule that allows writes to authenticated callers holding one of the roles.
	 * @param roles the roles, with or without the {@code ROLE_} prefix; empty allows any
	 * authenticated caller
	 * @return the rule
	 */
	static EndpointWriteAccess roles(Collection<String> roles) {
		return new RoleWriteAccess(roles);
	}

}
