/**
 * The Redis engine: a queue, a record store, events and the fused steps, each of Lua
 * scripts over one application's keys (see {@code docs/redis.md}), shared by every node.
 */
@NullMarked
package io.qtasks.engine.redis;

import org.jspecify.annotations.NullMarked;
