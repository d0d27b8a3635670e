package io.qtasks.autoconfigure;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.health.autoconfigure.contributor.ConditionalOnEnabledHealthIndicator;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import io.qtasks.actuate.QTasksHealthIndicator;
import io.qtasks.engine.TaskEngine;
import io.qtasks.worker.QTasksWorker;

/**
 * Auto-configuration of the {@code qtasks} health indicator, when Spring Boot's health
 * support is present; {@code management.health.qtasks.enabled=false} turns it off.
 *
 * @author QTasks contributors
 */
@AutoConfiguration(after = QTasksAutoConfiguration.class)
@ConditionalOnClass({ HealthIndicator.class, ConditionalOnEnabledHealthIndicator.class })
public final class QTasksHealthContributorAutoConfiguration {

	// Nested, so that the health condition is only looked at when spring-boot-health is
	// there.
	@Configuration(proxyBeanMethods = false)
	@ConditionalOnBean(TaskEngine.class)
	@ConditionalOnEnabledHealthIndicator("qtasks")
	static class HealthIndicatorConfiguration {

		@Bean
		@ConditionalOnMissingBean(name = { "qtasksHealthIndicator", "qtasksHealthContributor" })
		QTasksHealthIndicator qtasksHealthIndicator(TaskEngine engine, ObjectProvider<QTasksWorker> worker) {
			return new QTasksHealthIndicator(engine, worker.getIfUnique());
		}

	}

}
