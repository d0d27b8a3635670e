package io.qtasks.sample;

import java.time.Duration;
import java.util.UUID;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.data.redis.health.DataRedisHealthIndicator;
import org.springframework.boot.data.redis.health.DataRedisReactiveHealthIndicator;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.context.ApplicationContext;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;

import io.qtasks.QTasks;
import io.qtasks.Task;
import io.qtasks.TaskStatus;
import io.qtasks.engine.TaskEngine;
import io.qtasks.testsupport.RedisServerExtension;
import io.qtasks.testsupport.RedisTestServer;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The sample application with its {@code redis} profile, on the test Redis.
 *
 * @author QTasks contributors
 */
@SpringBootTest(properties = "sample.seed.run-on-startup=false")
@ActiveProfiles("redis")
@AutoConfigureMockMvc
@ExtendWith(RedisServerExtension.class)
class SampleApplicationRedisTests {

	private static final String NAME = RedisTestServer.uniqueName("sample");

	private static final Duration WAIT = Duration.ofSeconds(30);

	@Autowired
	private QTasks qtasks;

	@Autowired
	private TaskEngine engine;

	@Autowired
	private MockMvcTester mvc;

	@Autowired
	private ApplicationContext context;

	@DynamicPropertySource
	static void redis(DynamicPropertyRegistry registry) {
		registry.add("spring.data.redis.host", () -> RedisTestServer.get().host());
		registry.add("spring.data.redis.port", () -> RedisTestServer.get().port());
		registry.add("qtasks.name", () -> NAME);
	}

	@AfterAll
	static void deleteKeys() {
		RedisTestServer.get().deleteKeys(NAME);
	}

	@Test
	void runsOnTheRedisBroker() {
		assertThat(this.engine.type()).isEqualTo("redis");
		MvcTestResult created = this.mvc.post()
			.uri("/tasks/fetch_rate")
			.contentType(MediaType.APPLICATION_JSON)
			.content("{\"args\": [\"GBP\"]}")
			.exchange();
		assertThat(created).hasStatus(HttpStatus.CREATED);
		UUID uuid = UUID.fromString(created.getResponse().getHeader("Location").substring("/tasks/".length()));
		Task done = this.qtasks.waitResult(uuid, WAIT).orElseThrow();
		assertThat(done.status()).isEqualTo(TaskStatus.SUCCESS);
		assertThat(done.returning()).isEqualTo(0.79);
		assertThat(RedisTestServer.get().commands().exists("qtasks:{" + NAME + "}:task:" + uuid)).isEqualTo(1);
	}

	@Test
	void healthIncludesRedis() {
		assertThat(this.mvc.get().uri("/actuator/health")).hasStatusOk()
			.bodyJson()
			.extractingPath("$.status")
			.isEqualTo("UP");
	}

}
