package io.qtasks.actuate;

import java.util.Collection;
import java.util.Set;
import java.util.function.Supplier;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.actuate.endpoint.web.WebEndpointResponse;

/**
 * Decides who may change tasks through {@code /actuator/qtasks} (cancel and requeue).
 * When the application is secured by Spring Security, a write needs an authenticated user
 * holding one of the configured roles, or any authenticated user when no role is
 * configured; reads are left to Spring Boot's actuator security. Without Spring Security,
 * Boot's access rules alone apply (for example
 * {@code management.endpoint.qtasks.access=read-only}).
 * <p>
 * The caller is read from Spring Security's context rather than from an operation
 * parameter: Boot takes any parameter of a write operation that is not a selector as
 * request content, which would change the operation's HTTP mapping.
 *
 * @author QTasks contributors
 */
public final class EndpointWriteAccess {

	static final int ALLOWED = 0;

	static final int STATUS_UNAUTHORIZED = 401;

	static final int STATUS_FORBIDDEN = 403;

	private final @Nullable Supplier<Caller> caller;

	private final Set<String> roles;

	private EndpointWriteAccess(@Nullable Supplier<Caller> caller, Collection<String> roles) {
		this.caller = caller;
		this.roles = Set.copyOf(roles);
	}

	/**
	 * A rule that allows every write, for applications without Spring Security.
	 * @return the rule
	 */
	public static EndpointWriteAccess unsecured() {
		return new EndpointWriteAccess(null, Set.of());
	}

	/**
	 * A rule that reads the caller from Spring Security.
	 * @param roles the roles that allow writes; empty allows any authenticated user
	 * @return the rule
	 */
	public static EndpointWriteAccess springSecurity(Collection<String> roles) {
		return new EndpointWriteAccess(SpringSecurityCaller::current, roles);
	}

	static EndpointWriteAccess of(Supplier<Caller> caller, Collection<String> roles) {
		return new EndpointWriteAccess(caller, roles);
	}

	/**
	 * The status that refuses the current caller's write, if it is refused.
	 * @return {@code 401} for an anonymous caller, {@code 403} for one without a role, or
	 * {@link #ALLOWED}
	 */
	int refusal() {
		if (this.caller == null) {
			return ALLOWED;
		}
		Caller current = this.caller.get();
		if (!current.isAuthenticated()) {
			return STATUS_UNAUTHORIZED;
		}
		if (this.roles.isEmpty() || this.roles.stream().anyMatch(current::hasRole)) {
			return ALLOWED;
		}
		return STATUS_FORBIDDEN;
	}

	<T> WebEndpointResponse<T> refused(int status) {
		return new WebEndpointResponse<>(status);
	}

	/**
	 * Who makes a request.
	 */
	interface Caller {

		boolean isAuthenticated();

		boolean hasRole(String role);

	}

}
