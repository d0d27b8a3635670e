/**
 * The worker: {@link io.qtasks.worker.QTasksWorker} owns its parts (the node's heartbeat,
 * the lease keeper, the dispatcher that claims as many tasks as it has free slots) and
 * starts and stops them with the application context.
 */
@NullMarked
package io.qtasks.worker;

import org.jspecify.annotations.NullMarked;
