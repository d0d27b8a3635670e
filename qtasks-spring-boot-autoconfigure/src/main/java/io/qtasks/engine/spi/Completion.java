package io.qtasks.engine.spi;

import io.qtasks.Task;

/**
 * The final record of a claimed task, to be stored and its claim ended, as one of the
 * completions that {@link TaskSteps#completeAndClaim} writes together.
 *
 * @param claim the claim
 * @param record the final record
 * @param fence the claim's fence
 * @author QTasks contributors
 */
public record Completion(QueueClaim claim, Task record, Fence fence) {

}
