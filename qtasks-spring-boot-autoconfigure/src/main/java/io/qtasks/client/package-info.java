/**
 * The {@link io.qtasks.QTasks} client: builds the records of new tasks, enqueues them,
 * reads them and waits for them, over the {@link io.qtasks.engine.TaskEngine}.
 */
@NullMarked
package io.qtasks.client;

import org.jspecify.annotations.NullMarked;
