package io.qtasks.config;

import io.qtasks.config.QTasksProperties.BrokerType;

/**
 * Broker settings.
 * <p>
 * Bound under {@code qtasks.broker.*} as a part of {@link QTasksProperties}.
 *
 * @author QTasks contributors
 */
public class QTasksBrokerProperties {

	/**
	 * Which broker and storage carry tasks: 'memory' (in this JVM, no infrastructure),
	 * 'redis' (shared by many nodes) or 'jdbc' (the application's PostgreSQL DataSource,
	 * shared by many nodes, enqueue inside the caller's transaction).
	 */
	private BrokerType type = BrokerType.MEMORY;

	public BrokerType getType() {
		return this.type;
	}

	public void setType(BrokerType type) {
		this.type = type;
	}

	@Override
	public String toString() {
		return "Broker(type=" + this.type + ")";
	}

}
