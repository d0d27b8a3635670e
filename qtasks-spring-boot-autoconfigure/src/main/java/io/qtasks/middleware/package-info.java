/**
 * Middlewares: code that runs before and after every attempt of a task and may change its
 * arguments and result.
 */
@NullMarked
package io.qtasks.middleware;

import org.jspecify.annotations.NullMarked;
