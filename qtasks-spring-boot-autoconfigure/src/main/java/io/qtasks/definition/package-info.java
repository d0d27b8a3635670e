/**
 * Task definitions: how {@code @QTask} methods are found on beans, turned into
 * {@link io.qtasks.definition.TaskDefinition}s with the defaults applied, and registered
 * by name.
 */
@NullMarked
package io.qtasks.definition;

import org.jspecify.annotations.NullMarked;
