/**
 * The actuator side of QTasks: the {@code qtasks} endpoint with its HTTP extension and
 * write access rules, and the health indicator.
 */
@NullMarked
package io.qtasks.actuate;

import org.jspecify.annotations.NullMarked;
