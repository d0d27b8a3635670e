/**
 * The registry of live worker nodes: each node's worker reports itself, any node lists
 * the live ones. Engines implement {@link io.qtasks.node.WorkerNodeRegistry}.
 */
@NullMarked
package io.qtasks.node;

import org.jspecify.annotations.NullMarked;
