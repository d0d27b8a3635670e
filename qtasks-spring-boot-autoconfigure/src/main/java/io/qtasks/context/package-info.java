/**
 * The context of a task run: its control state ({@link io.qtasks.context.TaskRun}), the
 * {@link io.qtasks.TaskContext} a task sees, and the {@code task} scope that holds both
 * on the run's thread.
 */
@NullMarked
package io.qtasks.context;

import org.jspecify.annotations.NullMarked;
