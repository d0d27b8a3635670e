package io.qtasks.actuate;

import java.security.Principal;
import java.util.Collection;
import java.util.Set;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.actuate.endpoint.SecurityContext;
import org.springframework.util.ClassUtils;

/**
 * {@link EndpointWriteAccess} for a secured application: an authenticated caller with one
 * of the roles may write.
 *
 * @author QTasks contributors
 */
final class RoleWriteAccess implements EndpointWriteAccess {

	private static final boolean SPRING_SECURITY_PRESENT = ClassUtils
		.isPresent("org.springframework.security.core.Authentication", RoleWriteAccess.class.getClassLoader());

	private final Set<String> roles;

	RoleWriteAccess(Collection<String> roles) {
		this.roles = Set.copyOf(roles);
	}

	@Override
	public @Nullable String refusal(SecurityContext caller) {
		if (!isAuthenticated(caller.getPrincipal())) {
			return "Cancel and requeue need an authenticated user";
		}
		if (this.roles.isEmpty() || this.roles.stream().anyMatch(caller::isUserInRole)) {
			return null;
		}
		return "Cancel and requeue need a user with one of the roles " + this.roles.stream().sorted().toList();
	}

	/**
	 * Spring MVC gives no principal for an anonymous caller, but WebFlux gives Spring
	 * Security's anonymous authentication when the filter chain enables it.
	 */
	private static boolean isAuthenticated(@Nullable Principal principal) {
		if (principal == null) {
			return false;
		}
		return !SPRING_SECURITY_PRESENT || SpringSecurityPrincipals.isAuthenticated(principal);
	}

}
