package io.qtasks.engine.jdbc;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;

import org.junit.jupiter.api.Test;

import io.qtasks.engine.spi.ClaimRequest;
import io.qtasks.engine.spi.QueueClaim;
import io.qtasks.engine.spi.TaskLimits;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link JdbcClaimGroups}: claims made while another is on its way go into one
 * request for all of them, each thread gets what it asked for, and a failed statement
 * fails every thread of its group. The claim statement is stood in for by a function, so
 * that the first claim can be held until the others have queued.
 *
 * @author QTasks contributors
 */
class JdbcClaimGroupsTests {

	private static final Duration WAIT = Duration.ofSeconds(10);

	private static final Set<String> NAMES = Set.of("echo");

	@Test
	void claimsMadeMeanwhileShareOneStatementAndEachGetsItsOwn() throws Exception {
		List<Integer> asked = new CopyOnWriteArrayList<>();
		Function<ClaimRequest, List<QueueClaim>> statement = (request) -> {
			asked.add(request.max());
			List<QueueClaim> claims = new ArrayList<>();
			for (int i = 0; i < request.max(); i++) {
				claims.add(new QueueClaim(UUID.randomUUID(), "token-" + asked.size() + "-" + i, 1, null));
			}
			return claims;
		};
		Held held = new Held(statement);
		JdbcClaimGroups groups = new JdbcClaimGroups(held::claim);

		List<CompletableFuture<List<QueueClaim>>> claims = held.firstThenOthers(groups, 2, 1, 3);

		List<List<QueueClaim>> results = new ArrayList<>();
		for (CompletableFuture<List<QueueClaim>> claim : claims) {
			results.add(claim.get(WAIT.toMillis(), TimeUnit.MILLISECONDS));
		}
		assertThat(asked).containsExactly(2, 4);
		assertThat(results).extracting(List::size).containsExactly(2, 1, 3);
		assertThat(results.stream().flatMap(List::stream).map(QueueClaim::token).distinct()).hasSize(6);
	}

	@Test
	void aFailedStatementFailsEveryClaimOfItsGroup() throws Exception {
		IllegalStateException down = new IllegalStateException("database down");
		Held held = new Held((request) -> {
			if (request.max() > 1) {
				throw down;
			}
			return List.of();
		});
		JdbcClaimGroups groups = new JdbcClaimGroups(held::claim);

		List<CompletableFuture<List<QueueClaim>>> claims = held.firstThenOthers(groups, 1, 1, 1);

		assertThat(claims.get(0).get(WAIT.toMillis(), TimeUnit.MILLISECONDS)).isEmpty();
		for (CompletableFuture<List<QueueClaim>> claim : claims.subList(1, 3)) {
			assertThat(claim).failsWithin(WAIT).withThrowableOfType(ExecutionException.class).withCause(down);
		}
	}

	@Test
	void onlyPlainRequestsAreCombined() {
		ClaimRequest plain = new ClaimRequest(1, NAMES, Duration.ZERO);

		assertThat(JdbcClaimGroups.combinable(plain)).isTrue();
		assertThat(JdbcClaimGroups.combinable(plain.withQueues(null, Map.of("mail", 2)))).isFalse();
		assertThat(JdbcClaimGroups.combinable(plain.withLimits(Map.of("echo", new TaskLimits(2, null))))).isFalse();
	}

	/**
	 * Holds the first statement until the other claims have queued behind it.
	 */
	private static final class Held {

		private final Function<ClaimRequest, List<QueueClaim>> statement;

		private final CountDownLatch entered = new CountDownLatch(1);

		private final CountDownLatch release = new CountDownLatch(1);

		private volatile boolean first = true;

		Held(Function<ClaimRequest, List<QueueClaim>> statement) {
			this.statement = statement;
		}

		List<QueueClaim> claim(ClaimRequest request) {
			if (this.first) {
				this.first = false;
				this.entered.countDown();
				try {
					this.release.await();
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
				}
			}
			return this.statement.apply(request);
		}

		List<CompletableFuture<List<QueueClaim>>> firstThenOthers(JdbcClaimGroups groups, int... maxes)
				throws Exception {
			List<CompletableFuture<List<QueueClaim>>> claims = new ArrayList<>();
			List<Thread> others = new ArrayList<>();
			for (int i = 0; i < maxes.length; i++) {
				CompletableFuture<List<QueueClaim>> claim = new CompletableFuture<>();
				ClaimRequest request = new ClaimRequest(maxes[i], NAMES, Duration.ZERO);
				Thread thread = new Thread(() -> {
					try {
						claim.complete(groups.claim(request));
					}
					catch (RuntimeException ex) {
						claim.completeExceptionally(ex);
					}
				});
				thread.start();
				claims.add(claim);
				if (i == 0) {
					assertThat(this.entered.await(WAIT.toMillis(), TimeUnit.MILLISECONDS)).isTrue();
				}
				else {
					others.add(thread);
				}
			}
			long deadline = System.nanoTime() + WAIT.toNanos();
			while (!others.stream().allMatch((thread) -> thread.getState() == Thread.State.WAITING)) {
				if (System.nanoTime() > deadline) {
					throw new TimeoutException("The other claims did not queue behind the first");
				}
				Thread.sleep(5);
			}
			this.release.countDown();
			return claims;
		}

	}

}
