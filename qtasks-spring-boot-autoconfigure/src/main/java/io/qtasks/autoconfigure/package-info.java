/**
 * Spring Boot auto-configuration of QTasks: the client, the worker, the engine (in memory
 * or Redis), the actuator endpoint, health and metrics, wired from the {@code qtasks.*}
 * properties.
 */
@NullMarked
package io.qtasks.autoconfigure;

import org.jspecify.annotations.NullMarked;
