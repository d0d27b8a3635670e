package io.qtasks.engine.jdbc;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;
import java.util.Set;

import org.jspecify.annotations.Nullable;

import io.qtasks.engine.spi.ClaimRequest;
import io.qtasks.engine.spi.QueueClaim;

/**
 * Combines the claims that worker threads of this node make at the same time into one
 * claim statement: a thread that finished a task asks for the next one while other
 * threads' claims are on the way to the database, and the next of them asks for all that
 * asked meanwhile (at most {@value #MAX_CLAIMED} tasks), then hands each thread the tasks
 * it asked for, in claim order and in the order the threads asked. Only plain requests
 * are combined (the same task names and queues, no queue shares, no caps or rates), since
 * a share or a cap holds for one request, not for the sum of several; the others claim on
 * their own. Without contention a claim runs at once, alone. A statement that fails
 * claimed nothing, and every thread of its group gets its exception.
 *
 * @author QTasks contributors
 */
final class JdbcClaimGroups {

	static final int MAX_CLAIMED = 500;

	private final Claimant claimant;

	private final Object monitor = new Object();

	private final List<Pending> queue = new ArrayList<>();

	private boolean claiming;

	/**
	 * Creates the groups.
	 * @param claimant runs one claim statement
	 */
	JdbcClaimGroups(Claimant claimant) {
		this.claimant = claimant;
	}

	/**
	 * Whether a request may share a statement with others.
	 */
	static boolean combinable(ClaimRequest request) {
		return request.queueMax().isEmpty() && JdbcFlowLimits.of(request).isEmpty();
	}

	/**
	 * Claims what a plain request may take now, in a group with the requests that other
	 * threads make meanwhile.
	 * @param request a {@link #combinable} request
	 * @return its claims, in claim order
	 */
	List<QueueClaim> claim(ClaimRequest request) {
		Pending mine = new Pending(request);
		synchronized (this.monitor) {
			this.queue.add(mine);
		}
		while (true) {
			List<Pending> group;
			synchronized (this.monitor) {
				awaitTurn(mine);
				if (mine.done) {
					return mine.outcome();
				}
				this.claiming = true;
				group = take(mine);
			}
			try {
				run(group);
			}
			finally {
				synchronized (this.monitor) {
					this.claiming = false;
					this.monitor.notifyAll();
				}
			}
			if (mine.done) {
				return mine.outcome();
			}
		}
	}

	private void awaitTurn(Pending mine) {
		boolean interrupted = false;
		while (this.claiming && !mine.done) {
			try {
				this.monitor.wait();
			}
			catch (InterruptedException ex) {
				// a claim for this thread may be on its way: wait for it, and keep the
				// interrupt, so that no claimed task is left without its claimant
				interrupted = true;
			}
		}
		if (interrupted) {
			Thread.currentThread().interrupt();
		}
	}

	/**
	 * The next group: the requests like the leader's, longest waiting first.
	 */
	private List<Pending> take(Pending leader) {
		Pending first = this.queue.contains(leader) ? leader : this.queue.get(0);
		List<Pending> group = new ArrayList<>();
		int wanted = 0;
		for (Iterator<Pending> pending = this.queue.iterator(); pending.hasNext();) {
			Pending next = pending.next();
			if (next.sameKind(first) && (group.isEmpty() || wanted + next.request.max() <= MAX_CLAIMED)) {
				group.add(next);
				wanted += next.request.max();
				pending.remove();
			}
		}
		return group;
	}

	private void run(List<Pending> group) {
		int wanted = group.stream().mapToInt((pending) -> pending.request.max()).sum();
		ClaimRequest first = group.get(0).request;
		ClaimRequest combined = new ClaimRequest(wanted, first.taskNames(), first.timeout(), first.queues(),
				first.queueMax(), first.limits());
		List<QueueClaim> claimed;
		try {
			claimed = this.claimant.claim(combined);
		}
		catch (RuntimeException ex) {
			synchronized (this.monitor) {
				group.forEach((pending) -> pending.fail(ex));
			}
			return;
		}
		Iterator<QueueClaim> handed = claimed.iterator();
		synchronized (this.monitor) {
			for (Pending pending : group) {
				List<QueueClaim> own = new ArrayList<>();
				while (own.size() < pending.request.max() && handed.hasNext()) {
					own.add(handed.next());
				}
				pending.succeed(own);
			}
		}
	}

	/**
	 * Runs one claim statement.
	 */
	@FunctionalInterface
	interface Claimant {

		/**
		 * Claims what a request may take now.
		 * @param request the request
		 * @return the claims, in claim order
		 */
		List<QueueClaim> claim(ClaimRequest request);

	}

	private static final class Pending {

		private final ClaimRequest request;

		private boolean done;

		private @Nullable List<QueueClaim> claims;

		private @Nullable RuntimeException failure;

		Pending(ClaimRequest request) {
			this.request = request;
		}

		boolean sameKind(Pending other) {
			return Objects.equals(names(this.request), names(other.request))
					&& Objects.equals(this.request.queues(), other.request.queues());
		}

		private static @Nullable Set<String> names(ClaimRequest request) {
			return request.taskNames();
		}

		void succeed(List<QueueClaim> claims) {
			this.claims = claims;
			this.done = true;
		}

		void fail(RuntimeException failure) {
			this.failure = failure;
			this.done = true;
		}

		List<QueueClaim> outcome() {
			if (this.failure != null) {
				throw this.failure;
			}
			return (this.claims != null) ? this.claims : List.of();
		}

	}

}
