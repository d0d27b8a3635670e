package io.qtasks.engine.jdbc;

import java.time.Duration;
import java.util.List;

import org.springframework.jdbc.core.simple.JdbcClient;

import io.qtasks.node.WorkerNode;
import io.qtasks.node.WorkerNodeRegistry;

/**
 * The node registry in the node table, seen by every node on the database. A node's row
 * runs out after three missed heartbeats (judged by the database's clock); the
 * housekeeping deletes rows that ran out.
 *
 * @author QTasks contributors
 */
public class JdbcWorkerNodeRegistry implements WorkerNodeRegistry {

	private static final int MISSED_HEARTBEATS = 3;

	private final JdbcClient jdbc;

	private final JdbcTaskCodec codec;

	private final Duration heartbeatInterval;

	private final String heartbeat;

	private final String remove;

	private final String live;

	/**
	 * Creates a registry.
	 * @param jdbc the database access
	 * @param tables the table names
	 * @param codec writes and reads node descriptions
	 * @param heartbeatInterval how often nodes report
	 */
	public JdbcWorkerNodeRegistry(JdbcClient jdbc, JdbcTables tables, JdbcTaskCodec codec, Duration heartbeatInterval) {
		this.jdbc = jdbc;
		this.codec = codec;
		this.heartbeatInterval = heartbeatInterval;
		this.heartbeat = tables.sql("INSERT INTO {nodes} (id, node, expires_at) VALUES (?, ?, now() + ? * interval"
				+ " '1 millisecond') ON CONFLICT (id) DO UPDATE SET node = excluded.node, expires_at = excluded.expires_at");
		this.remove = tables.sql("DELETE FROM {nodes} WHERE id = ?");
		this.live = tables.sql("SELECT node FROM {nodes} WHERE expires_at > now()");
	}

	@Override
	public Duration heartbeatInterval() {
		return this.heartbeatInterval;
	}

	@Override
	public void heartbeat(WorkerNode node) {
		this.jdbc.sql(this.heartbeat)
			.params(node.id(), this.codec.write(node),
					this.heartbeatInterval.multipliedBy(MISSED_HEARTBEATS).toMillis())
			.update();
	}

	@Override
	public void remove(String nodeId) {
		this.jdbc.sql(this.remove).param(nodeId).update();
	}

	@Override
	public List<WorkerNode> liveNodes() {
		return this.jdbc.sql(this.live)
			.query(String.class)
			.list()
			.stream()
			.map((json) -> this.codec.read(json, WorkerNode.class))
			.toList();
	}

}
