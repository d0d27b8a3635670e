/**
 * Workflows: chains, groups and chords of tasks, stored at once and released by the
 * engine, step after step, as their predecessors' outcomes are stored.
 */
@NullMarked
package io.qtasks.workflow;

import org.jspecify.annotations.NullMarked;
