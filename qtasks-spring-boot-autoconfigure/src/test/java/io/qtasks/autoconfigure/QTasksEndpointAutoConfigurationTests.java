package io.qtasks.autoconfigure;

import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import io.qtasks.actuate.QTasksEndpoint;
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
	void noWebExtensionWhenOnlyExposedOverJmx() {
		this.runner.withPropertyValues("spring.jmx.enabled=true", "management.endpoints.jmx.exposure.include=qtasks")
			.run((context) -> assertThat(context).hasSingleBean(QTasksEndpoint.class)
				.doesNotHaveBean(QTasksEndpointWebExtension.class));
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
	void usesTheEngineBeans() {
		this.runner.withPropertyValues("management.endpoints.web.exposure.include=qtasks").run((context) -> {
			QTasksEndpoint.QTasksDescriptor overview = context.getBean(QTasksEndpoint.class).qtasks(null, null, null);
			assertThat(overview.broker()).isEqualTo(context.getBean(TaskEngine.class).type());
			assertThat(overview.counts()).containsOnlyKeys("new", "process", "retry", "success", "error", "cancel");
			assertThat(context).hasSingleBean(TaskEngine.class).hasSingleBean(WorkerNodeRegistry.class);
		});
	}

}
