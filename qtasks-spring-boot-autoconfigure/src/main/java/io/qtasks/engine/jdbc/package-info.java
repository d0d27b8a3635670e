/**
 * The JDBC engine on PostgreSQL: queue, records, events and node registry in tables of
 * the application's own database, claims with {@code FOR UPDATE SKIP LOCKED}, pickup and
 * results through {@code LISTEN}/{@code NOTIFY}, enqueue inside the caller's transaction.
 */
@NullMarked
package io.qtasks.engine.jdbc;

import org.jspecify.annotations.NullMarked;
