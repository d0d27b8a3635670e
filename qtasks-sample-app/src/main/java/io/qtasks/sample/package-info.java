/**
 * The sample application: a few {@code @QTask} beans, the web endpoints that enqueue
 * them, and the dashboard behind Spring Security.
 */
@NullMarked
package io.qtasks.sample;

import org.jspecify.annotations.NullMarked;
