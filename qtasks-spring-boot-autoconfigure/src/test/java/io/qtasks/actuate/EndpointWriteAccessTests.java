package io.qtasks.actuate;

import java.security.Principal;
import java.util.List;
import java.util.Set;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

import org.springframework.boot.actuate.endpoint.SecurityContext;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.AuthorityUtils;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link EndpointWriteAccess} over Spring Boot's actuator
 * {@link SecurityContext}.
 *
 * @author QTasks contributors
 */
class EndpointWriteAccessTests {

	private final EndpointWriteAccess adminsOnly = EndpointWriteAccess.roles(List.of("QTASKS_ADMIN"));

	@Test
	void unrestrictedAllowsEveryCaller() {
		assertThat(EndpointWriteAccess.unrestricted().refusal(SecurityContext.NONE)).isNull();
	}

	@Test
	void offRefusesEveryCallerWithItsReason() {
		EndpointWriteAccess off = EndpointWriteAccess.off("writes are off");
		assertThat(off.refusal(SecurityContext.NONE)).isEqualTo("writes are off");
		assertThat(off.refusal(caller(UsernamePasswordAuthenticationToken.authenticated("admin", "n/a",
				AuthorityUtils.createAuthorityList("ROLE_QTASKS_ADMIN")), "QTASKS_ADMIN")))
			.isEqualTo("writes are off");
	}

	@Test
	void callersWithoutAPrincipalAreRefused() {
		assertThat(this.adminsOnly.refusal(SecurityContext.NONE)).contains("authenticated user");
	}

	@Test
	void springSecuritysAnonymousCallersAreRefused() {
		AnonymousAuthenticationToken anonymous = new AnonymousAuthenticationToken("key", "anonymous",
				AuthorityUtils.createAuthorityList("ROLE_ANONYMOUS"));
		assertThat(this.adminsOnly.refusal(caller(anonymous, "ANONYMOUS"))).contains("authenticated user");
		assertThat(EndpointWriteAccess.roles(List.of()).refusal(caller(anonymous, "ANONYMOUS")))
			.contains("authenticated user");
	}

	@Test
	void unauthenticatedTokensAreRefused() {
		assertThat(EndpointWriteAccess.roles(List.of())
			.refusal(caller(UsernamePasswordAuthenticationToken.unauthenticated("admin", "n/a"))))
			.contains("authenticated user");
	}

	@Test
	void callersWithoutTheRoleAreRefusedWithTheRolesNamed() {
		assertThat(this.adminsOnly.refusal(user("VIEWER"))).contains("one of the roles [QTASKS_ADMIN]");
	}

	@Test
	void callersWithOneOfTheRolesMayWrite() {
		assertThat(EndpointWriteAccess.roles(List.of("OPS", "QTASKS_ADMIN")).refusal(user("QTASKS_ADMIN"))).isNull();
	}

	@Test
	void withoutRolesAnyAuthenticatedCallerMayWrite() {
		assertThat(EndpointWriteAccess.roles(List.of()).refusal(user("VIEWER"))).isNull();
	}

	@Test
	void principalsOtherThanSpringSecuritysCountAsAuthenticated() {
		Principal containerUser = () -> "admin";
		assertThat(this.adminsOnly.refusal(caller(containerUser, "QTASKS_ADMIN"))).isNull();
	}

	private static SecurityContext user(String role) {
		return caller(UsernamePasswordAuthenticationToken.authenticated("user", "n/a",
				AuthorityUtils.createAuthorityList("ROLE_" + role)), role);
	}

	private static SecurityContext caller(@Nullable Principal principal, String... roles) {
		Set<String> held = Set.of(roles);
		return new SecurityContext() {

			@Override
			public @Nullable Principal getPrincipal() {
				return principal;
			}

			@Override
			public boolean isUserInRole(String role) {
				return held.contains(role);
			}

		};
	}

}
