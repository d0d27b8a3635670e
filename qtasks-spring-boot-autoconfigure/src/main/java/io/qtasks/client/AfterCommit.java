package io.qtasks.client;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.util.ClassUtils;

/**
 * Sends tasks added inside a Spring transaction once it commits, and drops them when it
 * rolls back. Without Spring's transaction support on the class path, or outside a
 * transaction, tasks are sent at once.
 *
 * @author QTasks contributors
 */
final class AfterCommit {

	private static final boolean TRANSACTIONS_PRESENT = ClassUtils.isPresent(
			"org.springframework.transaction.support.TransactionSynchronizationManager",
			AfterCommit.class.getClassLoader());

	private static final Logger logger = LoggerFactory.getLogger(AfterCommit.class);

	private AfterCommit() {
	}

	/**
	 * Sends now, or after the current transaction commits.
	 * @param what names the tasks, for the log line when a send after the commit fails
	 * @param send sends them
	 */
	static void send(String what, Runnable send) {
		if (TRANSACTIONS_PRESENT && Transactions.defer(what, send)) {
			return;
		}
		send.run();
	}

	/**
	 * Whether a send now would wait for the current transaction to commit.
	 * @return {@code true} inside an active transaction
	 */
	static boolean defers() {
		return TRANSACTIONS_PRESENT && Transactions.active();
	}

	/**
	 * The part that needs {@code spring-tx}, loaded only when it is present.
	 */
	private static final class Transactions {

		static boolean active() {
			return TransactionSynchronizationManager.isSynchronizationActive()
					&& TransactionSynchronizationManager.isActualTransactionActive();
		}

		static boolean defer(String what, Runnable send) {
			if (!active()) {
				return false;
			}
			TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {

				@Override
				public void afterCommit() {
					try {
						send.run();
					}
					catch (RuntimeException ex) {
						// the caller's transaction has committed: all that is left is to
						// say so
						logger.error("{} could not be sent after the transaction committed; they were not queued", what,
								ex);
					}
				}

			});
			return true;
		}

	}

}
