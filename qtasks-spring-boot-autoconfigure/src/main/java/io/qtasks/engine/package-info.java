/**
 * The engine-neutral core: {@link io.qtasks.engine.TaskEngine}, the one entry point of
 * the client, the worker and the actuator to whatever engine is configured;
 * {@link io.qtasks.engine.TaskTransitions}, the rules by which every record changes; and
 * {@link io.qtasks.engine.TaskDelivery}, a claimed task whose writes are fenced.
 */
@NullMarked
package io.qtasks.engine;

import org.jspecify.annotations.NullMarked;
