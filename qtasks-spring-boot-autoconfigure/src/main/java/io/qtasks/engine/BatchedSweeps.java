package io.qtasks.engine;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The housekeeping sweeps of a shared engine, in bounded batches: each sweep takes
 * batches until one comes back short, and at most a fixed number per tick, so that a
 * large backlog is worked off over several ticks instead of stalling one.
 *
 * @author QTasks contributors
 */
public final class BatchedSweeps {

	private static final Logger logger = LoggerFactory.getLogger(BatchedSweeps.class);

	private final int batchSize;

	private final int maxBatches;

	/**
	 * Creates the sweeps.
	 * @param batchSize the most one batch takes
	 * @param maxBatches the most batches one sweep takes
	 */
	public BatchedSweeps(int batchSize, int maxBatches) {
		this.batchSize = batchSize;
		this.maxBatches = maxBatches;
	}

	/**
	 * The size of one batch.
	 * @return the most one batch takes
	 */
	public int batchSize() {
		return this.batchSize;
	}

	/**
	 * Queues again the tasks whose lease ran out, batch by batch, and says so in the log.
	 * @param batch queues one batch again and answers its tasks
	 * @return the tasks queued again
	 */
	public List<UUID> requeueExpiredLeases(Supplier<List<UUID>> batch) {
		List<UUID> requeued = new ArrayList<>();
		for (int taken = 0; taken < this.maxBatches; taken++) {
			List<UUID> uuids = batch.get();
			requeued.addAll(uuids);
			if (uuids.size() < this.batchSize) {
				break;
			}
		}
		if (!requeued.isEmpty()) {
			logger.warn("The lease of {} task(s) ran out without a heartbeat from their node; they are queued again:"
					+ " {}", requeued.size(), requeued);
		}
		return requeued;
	}

	/**
	 * Runs a counting sweep batch by batch.
	 * @param batch sweeps one batch and answers how many it took
	 * @return how many all batches took
	 */
	public long count(LongSupplier batch) {
		long total = 0;
		for (int taken = 0; taken < this.maxBatches; taken++) {
			long count = batch.getAsLong();
			total += count;
			if (count < this.batchSize) {
				break;
			}
		}
		return total;
	}

}
