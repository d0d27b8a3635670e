package io.qtasks.definition;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;

import org.junit.jupiter.api.Test;

import org.springframework.aop.framework.ProxyFactory;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import io.qtasks.GenerateHandler;
import io.qtasks.TaskContext;
import io.qtasks.TaskSelf;
import io.qtasks.annotation.QTask;
import io.qtasks.test.QTasksContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for the discovery of {@code @QTask} methods and the rejection of invalid ones.
 *
 * @author QTasks contributors
 */
class TaskDiscoveryTests {

	private final ApplicationContextRunner runner = QTasksContextRunner.create();

	@Test
	void registersEveryAttribute() {
		this.runner.withUserConfiguration(FullTasks.class).run((context) -> {
			TaskDefinition definition = context.getBean(TaskDefinitionRegistry.class).find("full").orElseThrow();
			assertThat(definition.tags()).containsExactly("a", "b");
			assertThat(definition.description()).isEqualTo("does everything");
			assertThat(definition.priority()).isEqualTo(-2);
			assertThat(definition.retry()).isEqualTo(4);
			assertThat(definition.retryOn()).containsExactly(IOException.class);
			assertThat(definition.echo()).isTrue();
			assertThat(definition.generateHandler()).isInstanceOf(Doubler.class);
			assertThat(definition.executor()).isEqualTo("reportExecutor");
			assertThat(definition.timeout()).isEqualTo(Duration.ofSeconds(90));
			assertThat(definition.extra()).containsExactly(Map.entry("team", "billing"), Map.entry("test", "test"));
			assertThat(definition.valueParameters()).extracting(TaskParameter::name).containsExactly("month", "copies");
		});
	}

	@Test
	void appliesDefaultsFromProperties() {
		this.runner.withUserConfiguration(PlainTasks.class)
			.withPropertyValues("qtasks.default-priority=7", "qtasks.retry.retries=2", "qtasks.default-timeout=1m")
			.run((context) -> {
				TaskDefinition definition = context.getBean(TaskDefinitionRegistry.class).find("plain").orElseThrow();
				assertThat(definition.priority()).isEqualTo(7);
				assertThat(definition.retry()).isEqualTo(2);
				assertThat(definition.timeout()).isEqualTo(Duration.ofMinutes(1));
				assertThat(definition.retryOn()).isEmpty();
				assertThat(definition.generateHandler()).isNull();
				assertThat(definition.executor()).isEmpty();
			});
	}

	@Test
	void nameDefaultsToTheMethodName() {
		this.runner.withUserConfiguration(PlainTasks.class).run((context) -> {
			assertThat(context.getBean(TaskDefinitionRegistry.class).getNames()).contains("unnamed", "plain");
		});
	}

	@Test
	void findsTasksOnProxiedBeans() {
		this.runner.withUserConfiguration(ProxiedTasks.class).run((context) -> {
			TaskDefinition definition = context.getBean(TaskDefinitionRegistry.class).find("proxied").orElseThrow();
			assertThat(definition.bean()).isSameAs(context.getBean("proxiedTaskBean"));
		});
	}

	@Test
	void duplicateNamesFailNamingBothMethods() {
		this.runner.withUserConfiguration(DuplicateTasks.class).run((context) -> {
			assertThat(context).hasFailed();
			assertThat(context.getStartupFailure()).isInstanceOf(TaskDefinitionException.class)
				.hasMessageContaining("Duplicate task name 'same'")
				.hasMessageContaining("DuplicateTasks.first()")
				.hasMessageContaining("DuplicateTasks.second()");
		});
	}

	@Test
	void echoWithoutTaskSelfFails() {
		assertStartupFails(EchoWithoutSelf.class,
				"EchoWithoutSelf.run(String) sets echo = true but declares no parameter of type io.qtasks.TaskSelf");
	}

	@Test
	void taskSelfWithoutEchoFails() {
		assertStartupFails(SelfWithoutEcho.class,
				"SelfWithoutEcho.run(TaskSelf) declares a TaskSelf parameter, which is only passed with echo = true");
	}

	@Test
	void missingExecutorBeanFails() {
		assertStartupFails(MissingExecutor.class,
				"MissingExecutor.run() names executor 'nowhere', but no bean has that name");
	}

	@Test
	void executorBeanOfTheWrongTypeFails() {
		assertStartupFails(WrongExecutorType.class,
				"WrongExecutorType.run() names executor 'notAnExecutor', but that bean is not a java.util.concurrent.Executor");
	}

	@Test
	void invalidTimeoutFails() {
		assertStartupFails(BadTimeout.class, "BadTimeout.run(): timeout 'soon' is not a duration");
	}

	@Test
	void malformedExtraFails() {
		assertStartupFails(BadExtra.class, "BadExtra.run(): extra entry 'novalue' is not of the form key=value");
	}

	@Test
	void nonPublicMethodFails() {
		assertStartupFails(HiddenTask.class, "HiddenTask.run() must be a public instance method");
	}

	@Test
	void negativeRetryFails() {
		assertStartupFails(NegativeRetry.class, "NegativeRetry.run(): retry must be 0 or more, was -5");
	}

	@Test
	void malformedRateLimitFailsStartup() {
		assertStartupFails(BadRate.class, "BadRate.run(): rateLimit '100 a minute' is not a rate limit: write"
				+ " <count>/<window> with the window in s, m or h, such as 100/1m");
	}

	@Test
	void negativeCapFailsStartup() {
		assertStartupFails(NegativeCap.class, "NegativeCap.run(): maxConcurrency must be 0 (no cap) or more, was -1");
	}

	@Test
	void queueNameThatNoEngineCanKeyFailsStartup() {
		assertStartupFails(BadQueue.class,
				"BadQueue.run(): queue 'bulk mail' is not a queue name (1 to 100 letters, digits, '.', '_' or '-')");
	}

	private void assertStartupFails(Class<?> configuration, String message) {
		this.runner.withUserConfiguration(configuration).run((context) -> {
			assertThat(context).hasFailed();
			assertThat(context.getStartupFailure()).isInstanceOf(TaskDefinitionException.class)
				.hasMessageContaining("@QTask method")
				.hasMessageContaining(message);
		});
	}

	public static class Doubler implements GenerateHandler {

		@Override
		public Object handle(Object value) {
			return value;
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class FullTasks {

		@Bean
		Executor reportExecutor() {
			return Executors.newSingleThreadExecutor();
		}

		@Bean
		FullTasks.Bean1 fullTaskBean() {
			return new Bean1();
		}

		static class Bean1 {

			@QTask(name = "full", tags = { "a", "b" }, description = "does everything", priority = -2, retry = 4,
					retryOn = IOException.class, echo = true, generateHandler = Doubler.class,
					executor = "reportExecutor", timeout = "90s", extra = { "team=billing", "test=test" })
			public List<String> run(TaskSelf self, String month, TaskContext ctx, int copies) {
				return List.of(month);
			}

		}

	}

	@Configuration(proxyBeanMethods = false)
	static class PlainTasks {

		@Bean
		Plain plainTaskBean() {
			return new Plain();
		}

		static class Plain {

			@QTask("plain")
			public void run() {
			}

			@QTask
			public void unnamed() {
			}

		}

	}

	public interface ProxiedService {

		void run();

	}

	public static class ProxiedServiceImpl implements ProxiedService {

		@Override
		@QTask("proxied")
		public void run() {
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class ProxiedTasks {

		@Bean
		ProxiedService proxiedTaskBean() {
			return (ProxiedService) new ProxyFactory(new ProxiedServiceImpl()).getProxy();
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class DuplicateTasks {

		@QTask("same")
		public void first() {
		}

		@QTask("same")
		public void second() {
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class EchoWithoutSelf {

		@QTask(echo = true)
		public void run(String value) {
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class SelfWithoutEcho {

		@QTask
		public void run(TaskSelf self) {
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class MissingExecutor {

		@QTask(executor = "nowhere")
		public void run() {
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class WrongExecutorType {

		@Bean
		String notAnExecutor() {
			return "text";
		}

		@QTask(executor = "notAnExecutor")
		public void run() {
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class BadTimeout {

		@QTask(timeout = "soon")
		public void run() {
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class BadExtra {

		@QTask(extra = "novalue")
		public void run() {
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class HiddenTask {

		@QTask
		void run() {
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class NegativeRetry {

		@QTask(retry = -5)
		public void run() {
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class BadRate {

		@QTask(rateLimit = "100 a minute")
		public void run() {
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class NegativeCap {

		@QTask(maxConcurrency = -1)
		public void run() {
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class BadQueue {

		@QTask(queue = "bulk mail")
		public void run() {
		}

	}

}
