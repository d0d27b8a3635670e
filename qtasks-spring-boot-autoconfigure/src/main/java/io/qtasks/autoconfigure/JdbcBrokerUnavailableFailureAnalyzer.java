package io.qtasks.autoconfigure;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Explains a start-up that asked for the JDBC broker without what it needs.
 *
 * @author QTasks contributors
 */
class JdbcBrokerUnavailableFailureAnalyzer extends AbstractFailureAnalyzer<JdbcBrokerUnavailableException> {

	@Override
	protected FailureAnalysis analyze(Throwable rootFailure, JdbcBrokerUnavailableException cause) {
		return new FailureAnalysis(cause.getMessage(),
				"Add org.springframework.boot:spring-boot-starter-jdbc and org.postgresql:postgresql to the"
						+ " application and configure the database with spring.datasource.*, or set"
						+ " qtasks.broker.type=memory.",
				cause);
	}

}
