package io.qtasks.engine.redis;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Consumer;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.data.redis.connection.Message;
import org.springframework.data.redis.connection.MessageListener;
import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.data.redis.connection.SubscriptionListener;
import org.springframework.data.redis.listener.ChannelTopic;
import org.springframework.data.redis.listener.RedisMessageListenerContainer;
import org.springframework.scheduling.concurrent.CustomizableThreadFactory;

/**
 * The pub/sub side of the Redis engine: one subscription connection per node for the
 * engine's channels (wake-ups, completions, cancel requests), whose messages are handed
 * to the registered listeners on a small thread pool, or, for listeners that only signal
 * a waiting thread, on the connection's own thread (one thread hand-off less on the way
 * from a wake-up to the claim it starts).
 * <p>
 * Messages are hints that save waiting: a node that misses one (while reconnecting, say)
 * still sees the state in Redis on its next look. {@link RedisEngineLifecycle} starts and
 * stops the subscriptions.
 *
 * @author QTasks contributors
 */
public class RedisSubscriptions implements DisposableBean {

	private static final Logger logger = LoggerFactory.getLogger(RedisSubscriptions.class);

	private final RedisMessageListenerContainer container = new RedisMessageListenerContainer();

	private final ExecutorService dispatcher = Executors.newFixedThreadPool(2,
			daemon(new CustomizableThreadFactory("qtasks-redis-events-")));

	private final Object lifecycleMonitor = new Object();

	private boolean initialized;

	private volatile boolean running;

	/**
	 * Creates the subscriptions over a connection factory; nothing is subscribed before
	 * {@link #start()}.
	 * @param connectionFactory the connection factory
	 */
	public RedisSubscriptions(RedisConnectionFactory connectionFactory) {
		this.container.setConnectionFactory(connectionFactory);
		// each listener decides where its messages run: see ChannelListener
		this.container.setTaskExecutor(Runnable::run);
		this.container.setSubscriptionExecutor(this.dispatcher);
		this.container.setBeanName("qtasksRedisSubscriptions");
	}

	/**
	 * Registers a listener for the messages of a channel.
	 * @param channel the channel
	 * @param listener receives each message's body
	 */
	public void subscribe(String channel, Consumer<String> listener) {
		subscribe(channel, listener, () -> {
		});
	}

	/**
	 * Registers a listener for the messages of a channel, and a callback for each time
	 * the subscription is made: at start, and again after the connection was lost and
	 * restored, when the messages published meanwhile are lost and the state in Redis has
	 * to be looked at instead.
	 * @param channel the channel
	 * @param listener receives each message's body
	 * @param subscribed called after each subscription to the channel
	 */
	public void subscribe(String channel, Consumer<String> listener, Runnable subscribed) {
		add(new ChannelListener(channel, listener, subscribed, this.dispatcher, false));
	}

	/**
	 * Registers a listener that runs on the thread that reads the subscription
	 * connection, and so must return at once and never call Redis (such as one that
	 * signals a waiting thread), with a callback for each time the subscription is made,
	 * which runs on the thread pool like every other listener.
	 * @param channel the channel
	 * @param listener receives each message's body, on the connection's thread
	 * @param subscribed called after each subscription to the channel
	 */
	public void subscribeSignal(String channel, Consumer<String> listener, Runnable subscribed) {
		add(new ChannelListener(channel, listener, subscribed, this.dispatcher, true));
	}

	private void add(ChannelListener listener) {
		this.container.addMessageListener(listener, List.of(new ChannelTopic(listener.channel())));
	}

	/**
	 * Subscribes to the registered channels.
	 */
	public void start() {
		synchronized (this.lifecycleMonitor) {
			if (!this.initialized) {
				this.container.afterPropertiesSet();
				this.initialized = true;
			}
			this.container.start();
			this.running = true;
		}
	}

	/**
	 * Unsubscribes.
	 */
	public void stop() {
		synchronized (this.lifecycleMonitor) {
			this.running = false;
			this.container.stop();
		}
	}

	/**
	 * Whether the subscriptions are started.
	 * @return the flag
	 */
	public boolean isRunning() {
		return this.running;
	}

	@Override
	public void destroy() throws Exception {
		try {
			synchronized (this.lifecycleMonitor) {
				if (this.initialized) {
					this.container.destroy();
				}
			}
		}
		finally {
			this.dispatcher.shutdownNow();
		}
	}

	/**
	 * Hands one channel's messages and subscriptions to its listeners: the messages of a
	 * signal on the connection's thread, everything else on the thread pool.
	 */
	private record ChannelListener(String channel, Consumer<String> listener, Runnable subscribed, Executor pool,
			boolean signal) implements MessageListener, SubscriptionListener {

		@Override
		public void onMessage(Message message, byte[] pattern) {
			String body = new String(message.getBody(), StandardCharsets.UTF_8);
			if (this.signal) {
				handle(body);
			}
			else {
				onPool(() -> handle(body));
			}
		}

		private void handle(String body) {
			try {
				this.listener.accept(body);
			}
			catch (RuntimeException ex) {
				logger.warn("Could not handle the message {} from Redis channel {}", RedisTaskCodec.quote(body),
						this.channel, ex);
			}
		}

		@Override
		public void onChannelSubscribed(byte[] channel, long count) {
			onPool(() -> {
				try {
					this.subscribed.run();
				}
				catch (RuntimeException ex) {
					logger.warn("Could not catch up on Redis channel {} after subscribing: {}", this.channel,
							ex.toString());
				}
			});
		}

		private void onPool(Runnable action) {
			try {
				this.pool.execute(action);
			}
			catch (RejectedExecutionException ex) {
				// the subscriptions are being destroyed
			}
		}

	}

	private static CustomizableThreadFactory daemon(CustomizableThreadFactory factory) {
		factory.setDaemon(true);
		return factory;
	}

}
