package io.qtasks.engine.spi;

import org.jspecify.annotations.Nullable;

import io.qtasks.Task;
import io.qtasks.TaskStatus;

/**
 * The condition of a record write: it passes when the record's holder is the writer's
 * claim token, or when the record's revision is still the one the writer read. A record
 * in status {@code process} that a claimant writes is held by its token
 * ({@link #holderAfter(Task, StoredTask)}); a record in any other status is held by no
 * one, so that a released or finished task takes no fenced write of its last claim.
 * <p>
 * A queue that marks the record as held when it hands a task out must also move its
 * revision on, so that a claimant whose claim was taken over cannot pass by revision.
 *
 * @param token the claim token of the writer, or {@code null} for a write by revision
 * only
 * @param revision the revision the writer read
 * @param refuseOnCancelRequest whether the write is refused when a cancel request is
 * pending (a claimed task that is handed back must end as {@code cancel} instead)
 * @author QTasks contributors
 */
public record Fence(@Nullable String token, long revision, boolean refuseOnCancelRequest) {

	/**
	 * A write that passes while the record is unchanged.
	 * @param revision the revision the writer read
	 * @return the fence
	 */
	public static Fence revision(long revision) {
		return new Fence(null, revision, false);
	}

	/**
	 * A write of a claimant.
	 * @param token its claim token
	 * @param revision the revision it read when it claimed the task
	 * @return the fence
	 */
	public static Fence claim(String token, long revision) {
		return new Fence(token, revision, false);
	}

	/**
	 * This fence, refusing the write while a cancel request is pending.
	 * @return the fence
	 */
	public Fence unlessCancelRequested() {
		return new Fence(this.token, this.revision, true);
	}

	/**
	 * Whether a record passes this fence.
	 * @param stored the record as stored
	 * @return {@code true} when the write may happen
	 */
	public boolean passes(StoredTask stored) {
		return (this.token != null && this.token.equals(stored.holder())) || this.revision == stored.revision();
	}

	/**
	 * Who holds the task once a record that passed this fence is written.
	 * @param record the record written
	 * @param stored the record it replaces
	 * @return the holder: the writer's token for a record in {@code process} (the stored
	 * holder for a write by revision), else {@code null}
	 */
	public @Nullable String holderAfter(Task record, StoredTask stored) {
		if (record.status() != TaskStatus.PROCESS) {
			return null;
		}
		return (this.token != null) ? this.token : stored.holder();
	}

}
