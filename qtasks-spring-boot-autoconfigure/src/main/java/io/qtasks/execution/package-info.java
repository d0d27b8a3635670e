/**
 * Turning one claimed delivery into an outcome: {@link io.qtasks.execution.TaskRunner}
 * runs a chain of links around the invocation (observation, the task's context, recording
 * of the outcome, admission, failure handling, retry) and the
 * {@link io.qtasks.execution.TaskErrorHandler} maps what went wrong to a
 * {@link io.qtasks.execution.RunOutcome}.
 */
@NullMarked
package io.qtasks.execution;

import org.jspecify.annotations.NullMarked;
