/**
 * The annotations that declare tasks: {@link io.qtasks.annotation.QTask @QTask} on a bean
 * method, with its retry pause set by {@link io.qtasks.annotation.Backoff @Backoff}.
 */
@NullMarked
package io.qtasks.annotation;

import org.jspecify.annotations.NullMarked;
