package io.qtasks.actuate;

import java.security.Principal;

import org.springframework.security.authentication.AuthenticationTrustResolver;
import org.springframework.security.authentication.AuthenticationTrustResolverImpl;
import org.springframework.security.core.Authentication;

/**
 * What Spring Security says of a principal; loaded only when Spring Security is present.
 *
 * @author QTasks contributors
 */
final class SpringSecurityPrincipals {

	private static final AuthenticationTrustResolver TRUST_RESOLVER = new AuthenticationTrustResolverImpl();

	private SpringSecurityPrincipals() {
	}

	/**
	 * Whether the principal is an authenticated user: not Spring Security's anonymous
	 * authentication, nor one that is not authenticated.
	 * @param principal the principal
	 * @return whether it is an authenticated user
	 */
	static boolean isAuthenticated(Principal principal) {
		if (principal instanceof Authentication authentication) {
			return TRUST_RESOLVER.isAuthenticated(authentication);
		}
		return true;
	}

}
