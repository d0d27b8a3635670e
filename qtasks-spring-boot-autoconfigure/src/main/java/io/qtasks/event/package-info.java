/**
 * Spring application events of a task's life, published on the node where each change
 * happened, for {@code @EventListener} methods:
 * {@link io.qtasks.event.TaskEnqueuedEvent}, {@link io.qtasks.event.TaskStartedEvent},
 * {@link io.qtasks.event.TaskRetryScheduledEvent},
 * {@link io.qtasks.event.TaskSucceededEvent}, {@link io.qtasks.event.TaskFailedEvent} and
 * {@link io.qtasks.event.TaskCancelledEvent}.
 */
@NullMarked
package io.qtasks.event;

import org.jspecify.annotations.NullMarked;
