package io.qtasks.autoconfigure;

import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.boot.actuate.endpoint.SecurityContext;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.security.web.DefaultSecurityFilterChain;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.server.SecurityWebFilterChain;
import org.springframework.security.web.util.matcher.AnyRequestMatcher;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;

import io.qtasks.actuate.EndpointWriteAccess;
import io.qtasks.actuate.QTasksDescriptor;
import io.qtasks.actuate.QTasksEndpoint;
import io.qtasks.actuate.QTasksEndpointJmxExtension;
import io.qtasks.actuate.QTasksEndpointWebExtension;
import io.qtasks.definition.TaskDefinitionRegistry;
import io.qtasks.engine.TaskEngine;
import io.qtasks.node.WorkerNodeRegistry;
import io.qtasks.test.QTasksContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link QTasksEndpointAutoConfiguration}.
 *
 * @author QTasks contributors
 */
class QTasksEndpointAutoConfigurationTests {

	private static final String EXPOSED = "management.endpoints.web.exposure.include=qtasks";

	private final ApplicationContextRunner runner = QTasksContextRunner.create()
		.withConfiguration(AutoConfigurations.of(QTasksEndpointAutoConfiguration.class));

	@Test
	void endpointAndWebExtensionWhenExposedOverTheWeb() {
		this.runner.withPropertyValues("management.endpoints.web.exposure.include=qtasks")
			.run((context) -> assertThat(context).hasSingleBean(QTasksEndpoint.class)
				.hasSingleBean(QTasksEndpointWebExtension.class));
	}

	@Test
	void noEndpointWhenNotExposed() {
		this.runner.run((context) -> assertThat(context).doesNotHaveBean(QTasksEndpoint.class)
			.doesNotHaveBean(QTasksEndpointWebExtension.class));
	}

	@Test
	void noEndpointWhenItsAccessIsNone() {
		this.runner
			.withPropertyValues("management.endpoints.web.exposure.include=qtasks",
					"management.endpoint.qtasks.access=NONE")
			.run((context) -> assertThat(context).doesNotHaveBean(QTasksEndpoint.class));
	}

	@Test
	void onlyTheJmxExtensionWhenOnlyExposedOverJmx() {
		this.runner.withPropertyValues("spring.jmx.enabled=true", "management.endpoints.jmx.exposure.include=qtasks")
			.run((context) -> assertThat(context).hasSingleBean(QTasksEndpoint.class)
				.hasSingleBean(QTasksEndpointJmxExtension.class)
				.doesNotHaveBean(QTasksEndpointWebExtension.class)
				.doesNotHaveBean(EndpointWriteAccess.class));
	}

	@Test
	void noJmxExtensionWhenOnlyExposedOverTheWeb() {
		this.runner.withPropertyValues(EXPOSED)
			.run((context) -> assertThat(context).doesNotHaveBean(QTasksEndpointJmxExtension.class));
	}

	@Test
	void writesAreOffWithoutSpringSecurity() {
		this.runner.withPropertyValues(EXPOSED)
			.run((context) -> assertThat(anonymousRefusal(context)).contains("no Spring Security")
				.contains("management.endpoint.qtasks.access=unrestricted"));
	}

	@Test
	void writesAreOffWithoutSpringSecurityOnTheClassPath() {
		this.runner.withClassLoader(new FilteredClassLoader("org.springframework.security"))
			.withPropertyValues(EXPOSED)
			.run((context) -> assertThat(anonymousRefusal(context)).contains("no Spring Security"));
	}

	@Test
	void writesAreOffWithoutSpringSecurityWhenTheAccessIsReadOnly() {
		this.runner.withPropertyValues(EXPOSED, "management.endpoint.qtasks.access=READ_ONLY")
			.run((context) -> assertThat(anonymousRefusal(context)).contains("no Spring Security"));
	}

	@Test
	void writesAreOpenWithoutSpringSecurityWhenTheAccessIsUnrestrictedExplicitly() {
		this.runner.withPropertyValues(EXPOSED, "management.endpoint.qtasks.access=UNRESTRICTED")
			.run((context) -> assertThat(anonymousRefusal(context)).isNull());
	}

	@Test
	void writesAreOpenWithoutSpringSecurityWhenEveryEndpointIsUnrestrictedExplicitly() {
		this.runner.withPropertyValues(EXPOSED, "management.endpoints.access.default=UNRESTRICTED")
			.run((context) -> assertThat(anonymousRefusal(context)).isNull());
	}

	@Test
	void writesAreOffWhenTheMostPermittedAccessIsReadOnly() {
		this.runner
			.withPropertyValues(EXPOSED, "management.endpoint.qtasks.access=UNRESTRICTED",
					"management.endpoints.access.max-permitted=READ_ONLY")
			.run((context) -> assertThat(anonymousRefusal(context)).contains("no Spring Security"));
	}

	@Test
	void writesNeedTheRolesWithServletSpringSecurity() {
		this.runner.withPropertyValues(EXPOSED, "management.endpoint.qtasks.access=UNRESTRICTED")
			.withBean(SecurityFilterChain.class, () -> new DefaultSecurityFilterChain(AnyRequestMatcher.INSTANCE))
			.run((context) -> assertThat(anonymousRefusal(context))
				.isEqualTo("Cancel and requeue need an authenticated user"));
	}

	@Test
	void writesNeedTheRolesWithReactiveSpringSecurity() {
		this.runner.withPropertyValues(EXPOSED, "management.endpoint.qtasks.roles=OPS")
			.withBean(SecurityWebFilterChain.class, NoFilters::new)
			.run((context) -> assertThat(anonymousRefusal(context))
				.isEqualTo("Cancel and requeue need an authenticated user"));
	}

	@Test
	void userWriteAccessWins() {
		EndpointWriteAccess custom = (caller) -> "custom";
		this.runner.withPropertyValues(EXPOSED)
			.withBean(EndpointWriteAccess.class, () -> custom)
			.run((context) -> assertThat(anonymousRefusal(context)).isEqualTo("custom"));
	}

	@Test
	void backsOffWithoutActuator() {
		this.runner.withClassLoader(new FilteredClassLoader("org.springframework.boot.actuate"))
			.withPropertyValues("management.endpoints.web.exposure.include=qtasks")
			.run((context) -> assertThat(context).hasNotFailed()
				.doesNotHaveBean(QTasksEndpoint.class)
				.doesNotHaveBean(QTasksEndpointWebExtension.class)
				.hasSingleBean(TaskEngine.class));
	}

	@Test
	void userEndpointWins() {
		this.runner.withPropertyValues("management.endpoints.web.exposure.include=qtasks")
			.withBean("customEndpoint", QTasksEndpoint.class,
					() -> new QTasksEndpoint(null, new TaskDefinitionRegistry(), null))
			.run((context) -> {
				assertThat(context).hasSingleBean(QTasksEndpoint.class).hasBean("customEndpoint");
				assertThat(context).hasSingleBean(QTasksEndpointWebExtension.class);
			});
	}

	@Test
	void rolesAreConfigurable() {
		this.runner.withPropertyValues(EXPOSED, "management.endpoint.qtasks.roles=OPS,ADMIN")
			.run((context) -> assertThat(context.getBean(QTasksEndpointProperties.class).getRoles())
				.containsExactly("OPS", "ADMIN"));
	}

	@Test
	void usesTheEngineBeans() {
		this.runner.withPropertyValues("management.endpoints.web.exposure.include=qtasks").run((context) -> {
			QTasksDescriptor overview = context.getBean(QTasksEndpoint.class).qtasks(null, null, null);
			assertThat(overview.broker()).isEqualTo(context.getBean(TaskEngine.class).type());
			assertThat(overview.counts()).containsOnlyKeys("new", "process", "retry", "success", "error", "cancel");
			assertThat(context).hasSingleBean(TaskEngine.class).hasSingleBean(WorkerNodeRegistry.class);
		});
	}

	private static String anonymousRefusal(AssertableApplicationContext context) {
		assertThat(context).hasSingleBean(EndpointWriteAccess.class);
		return context.getBean(EndpointWriteAccess.class).refusal(SecurityContext.NONE);
	}

	static class NoFilters implements SecurityWebFilterChain {

		@Override
		public Mono<Boolean> matches(ServerWebExchange exchange) {
			return Mono.just(true);
		}

		@Override
		public Flux<WebFilter> getWebFilters() {
			return Flux.empty();
		}

	}

}
