package io.qtasks.engine.redis;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
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
import io.qtasks.engine.TaskEngine;
import io.qtasks.engine.spi.ClaimRequest;
import io.qtasks.engine.TaskDelivery;
import io.qtasks.testsupport.RedisServerExtension;
import io.qtasks.testsupport.RedisTestServer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Wake-ups on Redis: queueing a task publishes one only while a receiver waits, so that
 * under load (every worker busy) enqueues cost no pub/sub traffic on any node.
 *
 * @author QTasks contributors
 */
@ExtendWith(RedisServerExtension.class)
class RedisWakeUpTests {

	private static final Duration WAIT = Duration.ofSeconds(20);

	private final String name = RedisTestServer.uniqueName("wake");

	@AfterEach
	void deleteKeys() {
		RedisTestServer.get().deleteKeys(this.name);
	}

	@Test
	void queueingPublishesAWakeUpOnlyWhileAReceiverWaits() {
		RedisTestApplications.runner(this.name).withPropertyValues("qtasks.worker.enabled=false").run((context) -> {
			RedisConnectionFactory connectionFactory = context.getBean(RedisConnectionFactory.class);
			StringRedisTemplate redis = new StringRedisTemplate(connectionFactory);
			String wakeChannel = new RedisKeys(this.name).wakeChannel();
			List<String> heard = new CopyOnWriteArrayList<>();
			RedisMessageListenerContainer listening = new RedisMessageListenerContainer();
			listening.setConnectionFactory(connectionFactory);
			listening.addMessageListener(
					(message, pattern) -> heard.add(new String(message.getBody(), StandardCharsets.UTF_8)),
					new ChannelTopic(wakeChannel));
			listening.afterPropertiesSet();
			listening.start();
			try {
				await().atMost(WAIT).until(() -> {
					redis.convertAndSend(wakeChannel, "listening");
					return heard.contains("listening");
				});
				QTasks qtasks = context.getBean(QTasks.class);
				TaskEngine engine = context.getBean(TaskEngine.class);
				for (int i = 0; i < 5; i++) {
					qtasks.addTask("echo", "nobody waits " + i);
				}
				assertThat(engine.claim(ClaimRequest.anyTask(5, Duration.ZERO))).hasSize(5);
				CompletableFuture<List<TaskDelivery>> received = new CompletableFuture<>();
				Thread receiver = new Thread(() -> {
					try {
						received.complete(engine.claim(ClaimRequest.anyTask(1, Duration.ofMinutes(5))));
					}
					catch (InterruptedException ex) {
						received.completeExceptionally(ex);
					}
				});
				receiver.start();
				await().atMost(WAIT).until(() -> receiver.getState() == Thread.State.TIMED_WAITING);
				Task awaited = qtasks.addTask("echo", "a receiver waits");
				assertThat(received.get(WAIT.toMillis(), TimeUnit.MILLISECONDS))
					.extracting((delivery) -> delivery.task().uuid())
					.containsExactly(awaited.uuid());
				redis.convertAndSend(wakeChannel, "done");
				await().atMost(WAIT).until(() -> heard.contains("done"));
				List<String> afterListening = heard.subList(heard.lastIndexOf("listening") + 1, heard.indexOf("done"));
				assertThat(afterListening).as("wake-ups published between the first enqueue and the end")
					.containsExactly("");
			}
			finally {
				listening.stop();
				listening.destroy();
			}
		});
	}

}
