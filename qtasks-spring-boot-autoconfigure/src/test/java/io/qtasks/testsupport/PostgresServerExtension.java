package io.qtasks.testsupport;

import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ExtensionContext.Namespace;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Gives a test class a real PostgreSQL ({@link PostgresTestServer}): found or started
 * before the first test, injectable as a parameter, and stopped (when the tests started
 * it) at the end of the test run. Tests never skip for want of PostgreSQL.
 *
 * @author QTasks contributors
 */
public class PostgresServerExtension implements BeforeAllCallback, ParameterResolver {

	private static final Namespace NAMESPACE = Namespace.create(PostgresServerExtension.class);

	@Override
	public void beforeAll(ExtensionContext context) {
		context.getRoot().getStore(NAMESPACE).getOrComputeIfAbsent(PostgresTestServer.class, (key) -> {
			PostgresTestServer.get();
			return (AutoCloseable) PostgresTestServer::shutdown;
		});
	}

	@Override
	public boolean supportsParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
		return parameterContext.getParameter().getType() == PostgresTestServer.class;
	}

	@Override
	public Object resolveParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
		return PostgresTestServer.get();
	}

}
