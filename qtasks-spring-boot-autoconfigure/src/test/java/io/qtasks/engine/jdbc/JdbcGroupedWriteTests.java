package io.qtasks.engine.jdbc;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.dao.DataAccessException;

import io.qtasks.QTasks;
import io.qtasks.Task;
import io.qtasks.TaskStatus;
import io.qtasks.engine.spi.ClaimRequest;
import io.qtasks.engine.spi.Fence;
import io.qtasks.engine.spi.QueueClaim;
import io.qtasks.engine.spi.TaskQueue;
import io.qtasks.engine.spi.TaskRecordStore;
import io.qtasks.engine.spi.TaskSteps;
import io.qtasks.engine.spi.WriteResult;
import io.qtasks.testsupport.PostgresServerExtension;
import io.qtasks.testsupport.PostgresTestServer;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Writes grouped into one statement ({@link JdbcGroupedWrites}) keep per-task outcomes: a
 * stale fence refuses its own row and no other, and a statement that fails fails every
 * caller of its group and writes none of their rows. The groups are made deterministic by
 * holding the first writer's row locked from another connection until the others have
 * queued behind it.
 *
 * @author QTasks contributors
 */
@ExtendWith(PostgresServerExtension.class)
class JdbcGroupedWriteTests {

	private static final Duration WAIT = Duration.ofSeconds(20);

	@Test
	void aStaleFenceInAGroupOfIntermediateWritesRefusesOnlyItsOwnRow() {
		String prefix = PostgresTestServer.uniquePrefix("groupw");
		JdbcTestApplications.runner(prefix).withPropertyValues("qtasks.worker.enabled=false").run((context) -> {
			List<QueueClaim> claims = claimed(context.getBean(QTasks.class), context.getBean(TaskQueue.class), 4);
			TaskRecordStore records = context.getBean(TaskRecordStore.class);
			List<Supplier<WriteResult>> writes = new ArrayList<>();
			for (int i = 0; i < claims.size(); i++) {
				QueueClaim claim = claims.get(i);
				Fence fence = (i == 2) ? Fence.claim("stale-token", 0) : fence(claim);
				Task process = claim.stored().record().toBuilder().status(TaskStatus.PROCESS).build();
				writes.add(() -> records.write(process, fence));
			}

			List<Object> results = grouped(prefix, claims.get(0), writes);

			assertThat(results).containsExactly(WriteResult.WRITTEN, WriteResult.WRITTEN, WriteResult.FENCED,
					WriteResult.WRITTEN);
			assertThat(claims).extracting((claim) -> records.find(claim.uuid()).orElseThrow().record().status())
				.containsExactly(TaskStatus.PROCESS, TaskStatus.PROCESS, TaskStatus.NEW, TaskStatus.PROCESS);
		});
	}

	@Test
	void aFailedGroupOfOutcomesFailsEveryCallerAndWritesNoneOfThem() {
		String prefix = PostgresTestServer.uniquePrefix("groupf");
		JdbcTestApplications.runner(prefix).withPropertyValues("qtasks.worker.enabled=false").run((context) -> {
			List<QueueClaim> claims = claimed(context.getBean(QTasks.class), context.getBean(TaskQueue.class), 4);
			TaskSteps steps = context.getBean(TaskSteps.class);
			TaskRecordStore records = context.getBean(TaskRecordStore.class);
			// the database refuses the outcome of one task of the second group, and with
			// it
			// the whole statement
			PostgresTestServer.get()
				.execute("ALTER TABLE " + prefix + "task ADD CONSTRAINT " + prefix
						+ "no_error CHECK (status <> 'error') NOT VALID");
			List<Supplier<WriteResult>> writes = new ArrayList<>();
			for (int i = 0; i < claims.size(); i++) {
				QueueClaim claim = claims.get(i);
				Task done = claim.stored()
					.record()
					.toBuilder()
					.status((i == 2) ? TaskStatus.ERROR : TaskStatus.SUCCESS)
					.updatedAt(Instant.now())
					.build();
				writes.add(() -> steps.complete(claim, done, fence(claim)));
			}

			List<Object> results = grouped(prefix, claims.get(0), writes);

			assertThat(results.get(0)).isEqualTo(WriteResult.WRITTEN);
			assertThat(results.subList(1, 4))
				.allSatisfy((result) -> assertThat((Throwable) result).isInstanceOf(DataAccessException.class)
					.hasMessageContaining(prefix + "no_error"));
			assertThat(claims).extracting((claim) -> records.find(claim.uuid()).orElseThrow().record().status())
				.containsExactly(TaskStatus.SUCCESS, TaskStatus.NEW, TaskStatus.NEW, TaskStatus.NEW);
		});
	}

	static List<QueueClaim> claimed(QTasks qtasks, TaskQueue queue, int count) throws InterruptedException {
		for (int i = 0; i < count; i++) {
			qtasks.addTask("echo", i);
		}
		List<QueueClaim> claims = new ArrayList<>();
		while (claims.size() < count) {
			claims.addAll(queue.claim(ClaimRequest.anyTask(count - claims.size(), WAIT)));
		}
		return claims;
	}

	static Fence fence(QueueClaim claim) {
		return Fence.claim(claim.token(), claim.stored().revision());
	}

	/**
	 * Runs the first write while its row is locked from another connection, the others
	 * once they all wait behind it, then lets the first one through.
	 * @return each write's result, or the exception it threw
	 */
	private static List<Object> grouped(String prefix, QueueClaim first, List<Supplier<WriteResult>> writes)
			throws Exception {
		List<CompletableFuture<WriteResult>> futures = new ArrayList<>();
		List<Thread> followers = new ArrayList<>();
		try (Connection lock = PostgresTestServer.get().connect()) {
			lock.setAutoCommit(false);
			try (PreparedStatement select = lock
				.prepareStatement("SELECT 1 FROM " + prefix + "task WHERE uuid = ? FOR UPDATE")) {
				select.setObject(1, first.uuid());
				select.executeQuery().close();
			}
			futures.add(start(writes.get(0), null));
			awaitBlockedOnLock(prefix);
			for (Supplier<WriteResult> write : writes.subList(1, writes.size())) {
				futures.add(start(write, followers));
			}
			awaitWaiting(followers);
			lock.rollback();
		}
		List<Object> results = new ArrayList<>();
		for (CompletableFuture<WriteResult> future : futures) {
			try {
				results.add(future.get(WAIT.toMillis(), TimeUnit.MILLISECONDS));
			}
			catch (ExecutionException ex) {
				results.add(ex.getCause());
			}
		}
		return results;
	}

	private static CompletableFuture<WriteResult> start(Supplier<WriteResult> write, List<Thread> threads) {
		CompletableFuture<WriteResult> future = new CompletableFuture<>();
		Thread thread = new Thread(() -> {
			try {
				future.complete(write.get());
			}
			catch (RuntimeException ex) {
				future.completeExceptionally(ex);
			}
		});
		if (threads != null) {
			threads.add(thread);
		}
		thread.start();
		return future;
	}

	private static void awaitBlockedOnLock(String prefix) throws Exception {
		long deadline = System.nanoTime() + WAIT.toNanos();
		try (Connection connection = PostgresTestServer.get().connect();
				Statement statement = connection.createStatement()) {
			while (true) {
				try (var result = statement.executeQuery("SELECT count(*) FROM pg_stat_activity WHERE wait_event_type"
						+ " = 'Lock' AND query LIKE '%" + prefix + "task%'")) {
					result.next();
					if (result.getLong(1) > 0) {
						return;
					}
				}
				if (System.nanoTime() > deadline) {
					throw new TimeoutException("The first write did not wait for the row lock");
				}
				Thread.sleep(5);
			}
		}
	}

	private static void awaitWaiting(List<Thread> threads) throws Exception {
		long deadline = System.nanoTime() + WAIT.toNanos();
		while (!threads.stream().allMatch((thread) -> thread.getState() == Thread.State.WAITING)) {
			if (System.nanoTime() > deadline) {
				throw new TimeoutException("The other writes did not queue behind the first: "
						+ threads.stream().map(Thread::getState).toList());
			}
			Thread.sleep(5);
		}
	}

}
