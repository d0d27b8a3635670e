/**
 * Retries with spring-retry: each task's {@code RetryPolicy} and {@code BackOffPolicy},
 * and the decision whether a failed attempt is retried and after what pause. The pause
 * itself is spent waiting in the engine, not in a worker thread.
 */
@NullMarked
package io.qtasks.retry;

import org.jspecify.annotations.NullMarked;
