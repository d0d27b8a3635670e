package io.qtasks.benchmarks.qtasks;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.util.ClassUtils;

import io.qtasks.QTasks;
import io.qtasks.benchmarks.redis.RedisUrls;

/**
 * One QTasks node: a Spring Boot context of the {@link BenchmarkApplication} configured
 * only through properties, as a user's application would be.
 *
 * @author QTasks contributors
 */
public final class QTasksNode implements AutoCloseable {

	/**
	 * The auto-configuration that brings the Redis broker; without it on the class path
	 * the Redis runs are reported as not available in this build.
	 */
	public static final String REDIS_AUTO_CONFIGURATION = "io.qtasks.autoconfigure.QTasksRedisAutoConfiguration";

	/**
	 * What the report says about the Redis broker's figures while the broker is not part
	 * of this build.
	 */
	public static final String NOT_IN_THIS_BUILD = "not available in this build";

	private static final String REDIS_AUTO_CONFIGURATIONS = String.join(",",
			"org.springframework.boot.data.redis.autoconfigure.DataRedisAutoConfiguration",
			"org.springframework.boot.data.redis.autoconfigure.DataRedisReactiveAutoConfiguration",
			"org.springframework.boot.data.redis.autoconfigure.DataRedisRepositoriesAutoConfiguration");

	private final ConfigurableApplicationContext context;

	private final String name;

	private QTasksNode(ConfigurableApplicationContext context, String name) {
		this.context = context;
		this.name = name;
	}

	/**
	 * Why a broker cannot be measured in this build, if it cannot.
	 * @param broker {@code memory} or {@code redis}
	 * @return the reason, or empty when the broker is available
	 */
	public static Optional<String> unavailable(String broker) {
		if ("redis".equals(broker)
				&& !ClassUtils.isPresent(REDIS_AUTO_CONFIGURATION, QTasksNode.class.getClassLoader())) {
			return Optional.of(NOT_IN_THIS_BUILD);
		}
		return Optional.empty();
	}

	/**
	 * A fresh name for the nodes of one measurement: nodes that share it share tasks, and
	 * on Redis every key they write contains it.
	 * @return the name
	 */
	public static String newName() {
		return "qtasks-bench-" + UUID.randomUUID().toString().substring(0, 8);
	}

	/**
	 * Starts a node.
	 * @param spec what kind of node
	 * @return the running node
	 */
	public static QTasksNode start(Spec spec) {
		Map<String, Object> properties = new LinkedHashMap<>();
		properties.put("qtasks.name", spec.name());
		properties.put("qtasks.broker.type", spec.broker());
		properties.put("qtasks.worker.enabled", spec.worker());
		properties.put("qtasks.worker.concurrency", spec.concurrency());
		properties.put("qtasks.worker.shutdown-timeout", "2s");
		properties.put("spring.main.log-startup-info", false);
		if ("redis".equals(spec.broker())) {
			URI redis = spec.redisUrl();
			properties.put("spring.data.redis.host", redis.getHost());
			properties.put("spring.data.redis.port", (redis.getPort() > 0) ? redis.getPort() : 6379);
			properties.put("spring.data.redis.database", RedisUrls.database(redis));
			RedisUrls.password(redis).ifPresent((password) -> properties.put("spring.data.redis.password", password));
		}
		else {
			// Nothing of Redis in a memory node, so its figures carry no Redis client at
			// all.
			properties.put("spring.autoconfigure.exclude", REDIS_AUTO_CONFIGURATIONS);
		}
		SpringApplication application = new SpringApplicationBuilder(BenchmarkApplication.class)
			.web(WebApplicationType.NONE)
			.bannerMode(org.springframework.boot.Banner.Mode.OFF)
			.registerShutdownHook(false)
			.properties(properties)
			.build();
		return new QTasksNode(application.run(), spec.name());
	}

	/**
	 * The node's client.
	 * @return the {@link QTasks} bean
	 */
	public QTasks qtasks() {
		return this.context.getBean(QTasks.class);
	}

	/**
	 * The probe its tasks report to.
	 * @return the probe
	 */
	public TaskProbe probe() {
		return this.context.getBean(TaskProbe.class);
	}

	/**
	 * The {@code qtasks.name} of this node.
	 * @return the name
	 */
	public String name() {
		return this.name;
	}

	@Override
	public void close() {
		this.context.close();
	}

	/**
	 * What kind of node to start.
	 *
	 * @param name the {@code qtasks.name}
	 * @param broker {@code memory} or {@code redis}
	 * @param worker whether the node runs tasks
	 * @param concurrency the worker concurrency
	 * @param redisUrl the Redis to use when the broker is Redis
	 */
	public record Spec(String name, String broker, boolean worker, int concurrency, URI redisUrl) {

		/**
		 * A worker node.
		 * @param name the {@code qtasks.name}
		 * @param broker the broker
		 * @param concurrency the worker concurrency
		 * @param redisUrl the Redis of the Redis broker
		 * @return the spec
		 */
		public static Spec worker(String name, String broker, int concurrency, URI redisUrl) {
			return new Spec(name, broker, true, concurrency, redisUrl);
		}

		/**
		 * A client-only node ({@code qtasks.worker.enabled=false}).
		 * @return the spec
		 */
		public Spec clientOnly() {
			return new Spec(this.name, this.broker, false, this.concurrency, this.redisUrl);
		}

	}

}
