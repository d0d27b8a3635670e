/**
 * Observability of QTasks: Micrometer observations of enqueues and executions, whose
 * trace context travels inside the task, and meters of enqueues, pickups, retries, the
 * queue and the records.
 */
@NullMarked
package io.qtasks.observation;

import org.jspecify.annotations.NullMarked;
