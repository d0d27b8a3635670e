package io.qtasks.engine.jdbc;

import java.util.UUID;

import javax.sql.DataSource;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

import io.qtasks.engine.WaiterListing;

/**
 * This node's row in the table of nodes that wait for results ({@code waiter}): the
 * {@link JdbcNotifier} announces the ends of tasks only while some node's row has not run
 * out, so that an application whose callers do not wait sends no notification per task
 * and no node's listener handles one ({@link WaiterListing} says when the row is written
 * and taken out).
 * <p>
 * The row is written in a transaction of its own, committed before the waiter reads the
 * record. Since the notifier reads the table after the outcome committed, either the
 * notifier sees the registration or the waiter sees the outcome.
 *
 * @author QTasks contributors
 */
final class JdbcWaiters {

	private JdbcWaiters() {
	}

	/**
	 * This node's listing on the given tables.
	 * @param dataSource the engine's database access
	 * @param tables the table names
	 * @return the listing
	 */
	static WaiterListing listing(DataSource dataSource, JdbcTables tables) {
		JdbcClient jdbc = JdbcClient.create(dataSource);
		TransactionTemplate ownTransaction = new TransactionTemplate(new DataSourceTransactionManager(dataSource));
		ownTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
		String nodeId = UUID.randomUUID().toString();
		String register = tables.sql("INSERT INTO {waiters} (node_id, expires_at) VALUES (?, now() + ? * interval"
				+ " '1 millisecond') ON CONFLICT (node_id) DO UPDATE SET expires_at = excluded.expires_at");
		String unregister = tables.sql("DELETE FROM {waiters} WHERE node_id = ?");
		return new WaiterListing(
				() -> ownTransaction.executeWithoutResult(
						(status) -> jdbc.sql(register).params(nodeId, WaiterListing.REGISTRATION.toMillis()).update()),
				() -> ownTransaction.executeWithoutResult((status) -> jdbc.sql(unregister).param(nodeId).update()));
	}

}
