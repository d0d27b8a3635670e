package io.qtasks.engine.jdbc;

import java.util.function.BooleanSupplier;

import io.qtasks.engine.WaiterListing;
import io.qtasks.engine.WakeSignal;

/**
 * How this node's claimants that wait for a cap or a rate hear that a claim ended: the
 * end of any task wakes them while their last claim found tasks of limited names due.
 * Since the ends of tasks are announced only while some node is listed as waiting for
 * them ({@link JdbcWaiters}), the node lists itself while limited tasks are due, and
 * takes its row out at the first empty claim that finds none.
 *
 * @author QTasks contributors
 */
final class JdbcCapWaits {

	private final WaiterListing listing;

	private final BooleanSupplier limitedDue;

	/**
	 * Creates the waits.
	 * @param listing this node's row among the nodes that wait for the ends of tasks
	 * @param limitedDue whether the last claim with limits found tasks of limited names
	 * due
	 */
	JdbcCapWaits(WaiterListing listing, BooleanSupplier limitedDue) {
		this.listing = listing;
		this.limitedDue = limitedDue;
	}

	/**
	 * Wakes the claimants at the end of any task while limited tasks are due.
	 * @param notifications the engine's listening connection
	 * @param tables the channel names
	 * @param wake the claimants' wake-up
	 */
	void listen(JdbcNotifications notifications, JdbcTables tables, WakeSignal wake) {
		notifications.listen(tables.finishedChannel(), (payload) -> {
			if (this.limitedDue.getAsBoolean()) {
				wake.signal();
			}
		}, () -> {
		});
	}

	/**
	 * Called by a claimant whose claim found nothing, before it waits: keeps this node
	 * listed while limited tasks are due (renewed as the registration ages), takes it out
	 * when none are.
	 * @return whether the node was listed just now, when the claimant must look again
	 * before it waits: a claim that ended before the listing was not announced
	 */
	boolean listedJustNow() {
		if (this.limitedDue.getAsBoolean()) {
			return this.listing.ensureListed();
		}
		this.listing.unlistIf(() -> !this.limitedDue.getAsBoolean());
		return false;
	}

}
