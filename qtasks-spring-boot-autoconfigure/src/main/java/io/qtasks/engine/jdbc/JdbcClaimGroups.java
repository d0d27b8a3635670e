package io.qtasks.engine.jdbc;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;

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

	private final JdbcGroupedCalls<Pending> groups = new JdbcGroupedCalls<>(JdbcClaimGroups::take, this::run);

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
		return this.groups.call(new Pending(request));
	}

	/**
	 * The next group: the requests like the first one's, longest waiting first.
	 */
	private static List<Pending> take(List<Pending> waiting) {
		Pending first = waiting.get(0);
		List<Pending> group = new ArrayList<>();
		int wanted = 0;
		for (Pending next : waiting) {
			if (next.sameKind(first) && (group.isEmpty() || wanted + next.request.max() <= MAX_CLAIMED)) {
				group.add(next);
				wanted += next.request.max();
			}
		}
		return group;
	}

	private void run(List<Pending> group) {
		int wanted = group.stream().mapToInt((pending) -> pending.request.max()).sum();
		ClaimRequest combined = group.get(0).request.withMax(wanted);
		List<QueueClaim> claimed;
		try {
			claimed = this.claimant.claim(combined);
		}
		catch (RuntimeException ex) {
			group.forEach((pending) -> pending.fail(ex));
			return;
		}
		Iterator<QueueClaim> handed = claimed.iterator();
		for (Pending pending : group) {
			List<QueueClaim> own = new ArrayList<>();
			while (own.size() < pending.request.max() && handed.hasNext()) {
				own.add(handed.next());
			}
			pending.succeed(own);
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

	private static final class Pending extends JdbcGroupedCalls.Call<List<QueueClaim>> {

		private final ClaimRequest request;

		Pending(ClaimRequest request) {
			this.request = request;
		}

		boolean sameKind(Pending other) {
			return Objects.equals(this.request.taskNames(), other.request.taskNames())
					&& Objects.equals(this.request.queues(), other.request.queues())
					&& Objects.equals(this.request.startNode(), other.request.startNode());
		}

	}

}
