package io.qtasks.engine.spi;

import java.util.List;

/**
 * What {@link TaskSteps#completeAndClaim} did: what each completion's write did, in the
 * order of the completions, and the tasks claimed for the slots they freed.
 *
 * @param written what each write did
 * @param claimed the claims, in priority order; empty when nothing was due
 * @author QTasks contributors
 */
public record CompletedAndClaimed(List<WriteResult> written, List<QueueClaim> claimed) {

	/**
	 * Copies the lists.
	 */
	public CompletedAndClaimed {
		written = List.copyOf(written);
		claimed = List.copyOf(claimed);
	}

}
