package io.qtasks.autoconfigure;

/**
 * {@code qtasks.broker.type=jdbc} is set, but Spring JDBC, the PostgreSQL driver or a
 * {@code DataSource} is missing.
 *
 * @author QTasks contributors
 */
class JdbcBrokerUnavailableException extends IllegalStateException {

	static final String JDBC_CLASS = "org.springframework.jdbc.core.simple.JdbcClient";

	static final String DRIVER_CLASS = "org.postgresql.PGConnection";

	JdbcBrokerUnavailableException(String message) {
		super(message);
	}

}
