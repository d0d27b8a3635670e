package io.qtasks.config;

/**
 * Settings of the Redis broker ({@code qtasks.broker.type=redis}). The connection itself
 * is configured with Spring Boot's {@code spring.data.redis.*} properties.
 * <p>
 * Bound under {@code qtasks.redis.*} as a part of {@link QTasksProperties}.
 *
 * @author QTasks contributors
 */
public class QTasksRedisProperties extends SharedBrokerProperties {

	/**
	 * Whether to start on a Redis whose maxmemory-policy may evict any key (allkeys-*),
	 * which loses queued tasks and claims under memory pressure. Off, such a Redis fails
	 * start-up.
	 */
	private boolean allowEviction;

	public boolean isAllowEviction() {
		return this.allowEviction;
	}

	public void setAllowEviction(boolean allowEviction) {
		this.allowEviction = allowEviction;
	}

	@Override
	public String toString() {
		return "Redis(" + super.toString() + ", allowEviction=" + this.allowEviction + ")";
	}

}
