package io.qtasks.actuate;

import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.AuthorityUtils;
import org.springframework.security.core.context.SecurityContextHolder;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link EndpointWriteAccess} over Spring Security's context.
 *
 * @author QTasks contributors
 */
class EndpointWriteAccessTests {

	private final EndpointWriteAccess adminsOnly = EndpointWriteAccess.springSecurity(List.of("QTASKS_ADMIN"));

	@AfterEach
	void clearContext() {
		SecurityContextHolder.clearContext();
	}

	@Test
	void unsecuredApplicationsAllowEveryWrite() {
		assertThat(EndpointWriteAccess.unsecured().refusal()).isEqualTo(EndpointWriteAccess.ALLOWED);
	}

	@Test
	void callersWithoutAnAuthenticationAreUnauthorized() {
		assertThat(this.adminsOnly.refusal()).isEqualTo(EndpointWriteAccess.STATUS_UNAUTHORIZED);
	}

	@Test
	void anonymousCallersAreUnauthorized() {
		SecurityContextHolder.getContext()
			.setAuthentication(new AnonymousAuthenticationToken("key", "anonymous",
					AuthorityUtils.createAuthorityList("ROLE_ANONYMOUS")));
		assertThat(this.adminsOnly.refusal()).isEqualTo(EndpointWriteAccess.STATUS_UNAUTHORIZED);
	}

	@Test
	void callersWithoutTheRoleAreForbidden() {
		signIn("ROLE_VIEWER");
		assertThat(this.adminsOnly.refusal()).isEqualTo(EndpointWriteAccess.STATUS_FORBIDDEN);
	}

	@Test
	void callersWithOneOfTheRolesMayWrite() {
		signIn("ROLE_QTASKS_ADMIN");
		assertThat(EndpointWriteAccess.springSecurity(List.of("OPS", "QTASKS_ADMIN")).refusal())
			.isEqualTo(EndpointWriteAccess.ALLOWED);
	}

	@Test
	void withoutRolesAnyAuthenticatedCallerMayWrite() {
		signIn("ROLE_VIEWER");
		assertThat(EndpointWriteAccess.springSecurity(List.of()).refusal()).isEqualTo(EndpointWriteAccess.ALLOWED);
	}

	private static void signIn(String authority) {
		SecurityContextHolder.getContext()
			.setAuthentication(UsernamePasswordAuthenticationToken.authenticated("user", "n/a",
					AuthorityUtils.createAuthorityList(authority)));
	}

}
