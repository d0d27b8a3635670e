package io.qtasks.engine.jdbc;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import java.util.function.UnaryOperator;

import javax.sql.DataSource;

import org.jspecify.annotations.Nullable;

import org.springframework.jdbc.core.simple.JdbcClient;

import io.qtasks.RequeueOutcome;
import io.qtasks.Task;
import io.qtasks.engine.RecordChanges;
import io.qtasks.engine.spi.ClaimRequest;
import io.qtasks.engine.spi.CompletedAndClaimed;
import io.qtasks.engine.spi.Completion;
import io.qtasks.engine.spi.Fence;
import io.qtasks.engine.spi.NewTask;
import io.qtasks.engine.spi.QueueClaim;
import io.qtasks.engine.spi.QueuedCancel;
import io.qtasks.engine.spi.StoredTask;
import io.qtasks.engine.spi.TaskQueue;
import io.qtasks.engine.spi.TaskSteps;
import io.qtasks.engine.spi.UniqueKey;
import io.qtasks.engine.spi.UniqueOutcome;
import io.qtasks.engine.spi.WriteResult;

/**
 * The two-part steps of the JDBC engine, each one statement on the task's row: the queue
 * and the record live in one row, so a step changes both atomically, and its notification
 * is sent when the statement's transaction commits. Inside a Spring transaction on the
 * same {@code DataSource} a step joins that transaction: an enqueue then exists, and
 * wakes the workers, only once the caller commits.
 *
 * @author QTasks contributors
 */
public class JdbcTaskSteps implements TaskSteps {

	private final JdbcClient jdbc;

	private final JdbcTables tables;

	private final JdbcTaskCodec codec;

	private final JdbcTaskRecordStore records;

	private final JdbcNotifier notifier;

	private final JdbcFencedWrites fenced;

	private final JdbcGroupedWrites outcomes;

	private final JdbcEnqueues enqueues;

	private final JdbcCompletedClaims completedClaims;

	private final JdbcStepStatements sql;

	private final int completionsInFlight;

	private final boolean flushOutcomes;

	/**
	 * Creates the steps.
	 * @param dataSource the database
	 * @param tables the table names
	 * @param codec writes records
	 * @param records the engine's record store, for the reads before a change and the
	 * fenced writes
	 * @param notifier wakes the claimants after an enqueue or a release commits
	 * @param completionsInFlight how many grouped completion statements a node keeps
	 * under way at once (see {@link #completionsInFlight()})
	 * @param flushOutcomes whether the commits of grouped outcomes wait for the WAL flush
	 * as {@code synchronous_commit} says ({@code false}: they commit with it off)
	 */
	public JdbcTaskSteps(DataSource dataSource, JdbcTables tables, JdbcTaskCodec codec, JdbcTaskRecordStore records,
			JdbcNotifier notifier, int completionsInFlight, boolean flushOutcomes) {
		if (completionsInFlight < 1) {
			throw new IllegalArgumentException("At least one completion statement must be allowed in flight");
		}
		this.completionsInFlight = completionsInFlight;
		this.flushOutcomes = flushOutcomes;
		JdbcIndexPlans plans = new JdbcIndexPlans(dataSource, flushOutcomes);
		this.jdbc = JdbcClient.create(dataSource);
		this.tables = tables;
		this.codec = codec;
		this.records = records;
		this.notifier = notifier;
		this.fenced = records.fencedWrites();
		this.outcomes = JdbcGroupedWrites.outcomes(plans, tables, this.fenced);
		this.enqueues = new JdbcEnqueues(this.jdbc, tables, codec, notifier);
		this.completedClaims = new JdbcCompletedClaims(plans, tables, this.fenced);
		this.sql = JdbcStepStatements.of(tables);
	}

	@Override
	public boolean enqueue(Task record, @Nullable Instant dueAt) {
		return this.enqueues.enqueue(record, dueAt);
	}

	/**
	 * {@inheritDoc}
	 * <p>
	 * Here in one transaction that locks the key's row in the {@code unique} table.
	 */
	@Override
	public UniqueOutcome enqueueUnique(Task record, @Nullable Instant dueAt, UniqueKey key) {
		return this.records.addUnique(record, key, () -> enqueue(record, dueAt));
	}

	/**
	 * {@inheritDoc}
	 * <p>
	 * Here in one multi-row insert: one statement, and one wake-up after its commit.
	 */
	@Override
	public List<Boolean> enqueueAll(List<NewTask> tasks) {
		return this.enqueues.enqueueAll(tasks);
	}

	/**
	 * {@inheritDoc}
	 * <p>
	 * Here always: every step is one statement through Spring JDBC on the application's
	 * {@code DataSource}, which joins the transaction bound to it.
	 */
	@Override
	public boolean joinsTransactions() {
		return true;
	}

	@Override
	public boolean releaseWaiting(UUID uuid, Function<Task, @Nullable Task> released) {
		Boolean outcome = RecordChanges.untilSettled(uuid, "released", () -> {
			Optional<StoredTask> current = this.records.find(uuid);
			if (current.isEmpty() || current.get().record().isFinished()) {
				return false;
			}
			Task record = released.apply(current.get().record());
			if (record == null) {
				return false;
			}
			long done = this.jdbc.sql(this.sql.releaseWaiting())
				.params(this.codec.write(record), record.status().value(), uuid, current.get().revision())
				.update();
			if (done == 1) {
				this.notifier.wake();
				return true;
			}
			// nothing changed: the task does not wait; else its record changed meanwhile
			return (this.records.revision(uuid) == current.get().revision()) ? false : null;
		});
		return Boolean.TRUE.equals(outcome);
	}

	/**
	 * {@inheritDoc}
	 * <p>
	 * Outcomes that finish at the same time are written together, in one statement and
	 * one commit (see {@link JdbcGroupedWrites}).
	 */
	@Override
	public WriteResult complete(QueueClaim claim, Task record, Fence fence) {
		if (JdbcGroupedWrites.groupable(record, fence)) {
			return this.outcomes.write(record, fence);
		}
		return this.fenced.write(this.sql.complete(), record, fence);
	}

	/**
	 * {@inheritDoc}
	 * <p>
	 * Here in one statement on this engine's queue ({@link JdbcCompletedClaims}), which
	 * claims a task for each completion that was written; a request with queue shares,
	 * caps or rates, a claim that may wait, a fence that looks at cancel requests or a
	 * caller's transaction take the default steps.
	 */
	@Override
	public CompletedAndClaimed completeAndClaim(List<Completion> completions, ClaimRequest next, TaskQueue queue)
			throws InterruptedException {
		if (!(queue instanceof JdbcTaskQueue jdbcQueue) || !JdbcCompletedClaims.fusable(completions, next)) {
			return TaskSteps.super.completeAndClaim(completions, next, queue);
		}
		CompletedAndClaimed[] done = new CompletedAndClaimed[1];
		jdbcQueue.claimPromoted(completions.size(), (lease) -> {
			done[0] = this.completedClaims.completeAndClaim(completions, next, lease);
			return done[0].claimed();
		});
		return done[0];
	}

	/**
	 * {@inheritDoc}
	 * <p>
	 * Here as configured ({@link JdbcEngineSettings#completionsInFlight()}): each call is
	 * one statement on a connection of its own, which PostgreSQL commits and flushes
	 * beside the others (its group commit), while one connection's statements would wait
	 * for each flush in turn. Calls under way at once claim different rows
	 * ({@code SKIP LOCKED}), and never complete the same task.
	 */
	@Override
	public int completionsInFlight() {
		return this.completionsInFlight;
	}

	/**
	 * Whether the commits of the outcomes this engine groups (and of completions with the
	 * next claims) wait for the WAL flush ({@link JdbcEngineSettings#flushOutcomes()}).
	 * @return {@code false} when they commit with {@code synchronous_commit} off
	 */
	public boolean flushesOutcomes() {
		return this.flushOutcomes;
	}

	@Override
	public WriteResult release(QueueClaim claim, Task record, Fence fence, @Nullable Instant until) {
		long delay = JdbcTaskQueue.delayMillis(until);
		Object[] params = this.fenced.params(record, fence, claim.token(), claim.token(), claim.token(), delay,
				claim.token(), delay, delay);
		boolean[] queued = new boolean[1];
		long written = this.jdbc.sql(this.sql.release()).params(params).query((row, n) -> {
			queued[0] = row.getLong("queued") > 0;
			return row.getLong("written");
		}).single();
		if (queued[0]) {
			this.notifier.wake();
		}
		return this.fenced.result(written == 1, record, fence);
	}

	@Override
	public QueuedCancel cancelQueued(UUID uuid, UnaryOperator<Task> cancelled) {
		return RecordChanges.untilSettled(uuid, "cancelled", () -> {
			Optional<StoredTask> current = this.records.find(uuid);
			if (current.isEmpty()) {
				return QueuedCancel.NOT_FOUND;
			}
			StoredTask stored = current.get();
			if (stored.record().isFinished()) {
				return QueuedCancel.FINISHED;
			}
			Task record = cancelled.apply(stored.record());
			long done = this.jdbc.sql(this.sql.cancelQueued())
				.params(this.codec.write(record), record.status().value(), this.fenced.ttlMillis(record), uuid,
						stored.revision(), this.tables.finishedChannel())
				.query((row, n) -> row.getLong("cancelled"))
				.single();
			if (done == 1) {
				return QueuedCancel.CANCELLED;
			}
			// nothing changed: the task is not queued; else its record changed meanwhile
			return (this.records.revision(uuid) == stored.revision()) ? QueuedCancel.NOT_QUEUED : null;
		});
	}

	@Override
	public RequeueOutcome requeue(UUID uuid, Function<Task, @Nullable Task> requeued) {
		return RecordChanges.requeue(this.records, uuid, requeued, (current, queued) -> {
			long done = this.jdbc.sql(this.sql.requeue())
				.params(this.codec.write(queued), queued.status().value(), uuid, current.revision(),
						this.tables.wakeChannel())
				.query((row, n) -> row.getLong("requeued"))
				.single();
			return (done == 1) ? RequeueOutcome.REQUEUED : null;
		});
	}

}
