package io.qtasks.engine.redis;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.listener.ChannelTopic;
import org.springframework.data.redis.listener.RedisMessageListenerContainer;

import io.qtasks.QTasks;
import io.qtasks.Task;
import io.qtasks.engine.EngineTestTasks;
import io.qtasks.engine.TaskProbe;
import io.qtasks.engine.WaitedForEnds;
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
					Task awaited = WaitedForEnds.run(context.getBean(QTasks.class), context.getBean(TaskProbe.class),
							() -> redis.opsForZSet().size(keys.waiters()), WAIT);
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
