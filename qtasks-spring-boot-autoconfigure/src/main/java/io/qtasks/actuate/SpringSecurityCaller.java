package io.qtasks.actuate;

import org.jspecify.annotations.Nullable;

import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;

/**
 * The caller as Spring Security sees it; loaded only when Spring Security is present.
 *
 * @author QTasks contributors
 */
final class SpringSecurityCaller implements EndpointWriteAccess.Caller {

	private static final String ROLE_PREFIX = "ROLE_";

	private final @Nullable Authentication authentication;

	private SpringSecurityCaller(@Nullable Authentication authentication) {
		this.authentication = authentication;
	}

	static SpringSecurityCaller current() {
		return new SpringSecurityCaller(SecurityContextHolder.getContext().getAuthentication());
	}

	@Override
	public boolean isAuthenticated() {
		return this.authentication != null && this.authentication.isAuthenticated()
				&& !(this.authentication instanceof AnonymousAuthenticationToken);
	}

	@Override
	public boolean hasRole(String role) {
		String prefixed = role.startsWith(ROLE_PREFIX) ? role : ROLE_PREFIX + role;
		for (GrantedAuthority authority : this.authentication.getAuthorities()) {
			if (prefixed.equals(authority.getAuthority())) {
				return true;
			}
		}
		return false;
	}

}
