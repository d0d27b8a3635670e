package io.qtasks.engine.redis;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.listener.ChannelTopic;
import org.springframework.data.redis.listener.RedisMessageListenerContainer;

import io.qtasks.QTasks;
import io.qtasks.Task;
import io.qtasks.TaskStatus;
import io.qtasks.engine.EngineTestTasks;
import io.qtasks.engine.TaskProbe;
import io.qtasks.testsupport.RedisServerExtension;
import io.qtasks.testsupport.RedisTestServer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Completion messages on Redis: the end of a task is published only while a node waits
 * for results, so that tasks nobody waits for cost no pub/sub traffic on any node, and a
 * caller that waits still gets its result pushed.
 *
 * @author QTasks contributors
 */
@ExtendWith(RedisServerExtension.class)
class RedisFinishedMessagesTests {

	private static final Duration WAIT = Duration.ofSeconds(20);

	private final String name = RedisTestServer.uniqueName("finished");

	@AfterEach
	void deleteKeys() {
		RedisTestServer.get().deleteKeys(this.name);
	}

	@Test
	void theEndOfATaskIsPublishedOnlyWhileSomeoneWaits() {
		RedisTestApplications.runner(this.name)
			.withBean(TaskProbe.class, TaskProbe::new)
			.withBean(EngineTestTasks.class)
			.run((context) -> {
				RedisConnectionFactory connectionFactory = context.getBean(RedisConnectionFactory.class);
				StringRedisTemplate redis = new StringRedisTemplate(connectionFactory);
				RedisKeys keys = new RedisKeys(this.name);
				String channel = keys.finishedChannel();
				List<String> heard = new CopyOnWriteArrayList<>();
				RedisMessageListenerContainer listening = new RedisMessageListenerContainer();
				listening.setConnectionFactory(connectionFactory);
				listening.addMessageListener(
						(message, pattern) -> heard.add(new String(message.getBody(), StandardCharsets.UTF_8)),
						new ChannelTopic(channel));
				listening.afterPropertiesSet();
				listening.start();
				try {
					await().atMost(WAIT).until(() -> {
						redis.convertAndSend(channel, "listening");
						return heard.contains("listening");
					});
					QTasks qtasks = context.getBean(QTasks.class);
					List<UUID> unwatched = new ArrayList<>();
					for (int i = 0; i < 5; i++) {
						unwatched.add(qtasks.addTask("echo", "nobody waits " + i).uuid());
					}
					await().atMost(WAIT)
						.until(() -> unwatched.stream()
							.allMatch((uuid) -> qtasks.get(uuid).map(Task::status).orElse(null) == TaskStatus.SUCCESS));
					// held until the node is listed as waiting: a task that ends before
					// is
					// read by its waiter instead, and published to nobody
					Task held = qtasks.addTask("hold", "a caller waits");
					CompletableFuture<Optional<Task>> waiting = CompletableFuture
						.supplyAsync(() -> qtasks.waitResult(held.uuid(), WAIT));
					await().atMost(WAIT).until(() -> redis.opsForZSet().size(keys.waiters()) == 1);
					context.getBean(TaskProbe.class).open("a caller waits");
					Task awaited = waiting.get(WAIT.toMillis(), TimeUnit.MILLISECONDS).orElseThrow();
					assertThat(awaited.status()).isEqualTo(TaskStatus.SUCCESS);
					redis.convertAndSend(channel, "done");
					await().atMost(WAIT).until(() -> heard.contains("done"));

					List<String> published = heard.subList(heard.lastIndexOf("listening") + 1, heard.indexOf("done"));
					assertThat(published).as("ends of tasks published").containsExactly(awaited.uuid().toString());
				}
				finally {
					listening.stop();
					listening.destroy();
				}
			});
	}

}
