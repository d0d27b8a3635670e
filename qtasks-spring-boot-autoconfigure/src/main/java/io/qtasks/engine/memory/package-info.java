/**
 * The in-memory engine: queue, records, events and node registry inside this JVM, for one
 * node and no infrastructure.
 */
@NullMarked
package io.qtasks.engine.memory;

import org.jspecify.annotations.NullMarked;
