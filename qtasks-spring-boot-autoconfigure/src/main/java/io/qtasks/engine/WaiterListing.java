package io.qtasks.engine;

import java.time.Duration;
import java.util.function.BooleanSupplier;

/**
 * A node's entry in its engine's list of nodes that wait for results, which the engine
 * reads before it announces the end of a task: the ends are announced only while some
 * node is listed, so that an application whose callers do not wait spends no message per
 * task. The node lists itself before its first waiter reads the record, and again
 * whenever half of the registration has passed while anyone there still waits; its
 * housekeeping takes the entry out once nobody there waits. An entry that is not taken
 * out (the node died) runs out after the registration.
 * <p>
 * The engine keeps the entry ({@code register} sets it to last the registration from now,
 * {@code unregister} removes it); this class decides when.
 *
 * @author QTasks contributors
 */
public final class WaiterListing {

	/**
	 * How long an entry lasts once written: long enough that a node renews it rarely,
	 * short enough that the ends of tasks are not announced long after the last waiter
	 * left (or the node died).
	 */
	public static final Duration REGISTRATION = Duration.ofSeconds(60);

	private final Runnable register;

	private final Runnable unregister;

	private long renewAfter = System.nanoTime();

	private boolean listed;

	/**
	 * Creates the listing of one node.
	 * @param register writes the entry, to last {@link #REGISTRATION} from now; done when
	 * it returns, or throws
	 * @param unregister removes the entry
	 */
	public WaiterListing(Runnable register, Runnable unregister) {
		this.register = register;
		this.unregister = unregister;
	}

	/**
	 * Lists the node as waiting unless its registration is fresh.
	 * @return whether it wrote the entry now
	 */
	public synchronized boolean ensureListed() {
		if (System.nanoTime() - this.renewAfter >= 0) {
			list();
			return true;
		}
		return false;
	}

	/**
	 * Lists the node as waiting, whatever its registration (after a reconnect, the engine
	 * may have lost it).
	 */
	public synchronized void list() {
		long started = System.nanoTime();
		// should the call fail, the next waiter or renewal tries again
		this.renewAfter = started;
		this.register.run();
		this.renewAfter = started + REGISTRATION.toNanos() / 2;
		this.listed = true;
	}

	/**
	 * Takes the node's entry out, when it is listed and nobody there waits. The check is
	 * made under the lock that {@link #ensureListed()} takes, so that a waiter that
	 * registered meanwhile either keeps the entry or lists the node again.
	 * @param nobodyWaits whether nobody there waits
	 */
	public synchronized void unlistIf(BooleanSupplier nobodyWaits) {
		if (this.listed && nobodyWaits.getAsBoolean()) {
			this.listed = false;
			this.renewAfter = System.nanoTime();
			this.unregister.run();
		}
	}

}
