/**
 * The bound {@code qtasks.*} configuration, {@link io.qtasks.config.QTasksProperties},
 * which tasks also reach through their context.
 */
@NullMarked
package io.qtasks.config;

import org.jspecify.annotations.NullMarked;
