/**
 * The dashboard: a page of static HTML, CSS and JavaScript in this jar that shows and
 * acts through the {@code qtasks} actuator endpoint only, served by Spring MVC or
 * WebFlux.
 */
@NullMarked
package io.qtasks.dashboard;

import org.jspecify.annotations.NullMarked;
