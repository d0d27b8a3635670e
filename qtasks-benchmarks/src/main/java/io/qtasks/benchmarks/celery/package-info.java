/**
 * The Celery peer, run as Python processes on the same Redis.
 */
@NullMarked
package io.qtasks.benchmarks.celery;

import org.jspecify.annotations.NullMarked;
