/**
 * The public API of QTasks: the {@link io.qtasks.QTasks} client, the
 * {@link io.qtasks.Task} record and its {@link io.qtasks.TaskStatus}, and what a running
 * task sees of itself ({@link io.qtasks.TaskContext}, {@link io.qtasks.TaskSelf}).
 */
@NullMarked
package io.qtasks;

import org.jspecify.annotations.NullMarked;
