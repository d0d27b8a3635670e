/**
 * One attempt of a task method: {@link io.qtasks.invocation.TaskInvoker} runs the
 * middlewares, binds the JSON arguments to the parameters (and validates them), calls the
 * method, collects a generator's output and turns the result into a JSON value.
 */
@NullMarked
package io.qtasks.invocation;

import org.jspecify.annotations.NullMarked;
