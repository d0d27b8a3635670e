package io.qtasks.engine.jdbc;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;

import javax.sql.DataSource;

import org.springframework.core.InfrastructureProxy;
import org.springframework.jdbc.datasource.ConnectionProxy;
import org.springframework.jdbc.datasource.DelegatingDataSource;
import org.springframework.jdbc.datasource.TransactionAwareDataSourceProxy;

/**
 * The application's {@code DataSource} as the JDBC engine uses it: a connection it takes
 * outside a Spring transaction commits each statement on its own, even where the pool
 * hands out connections that do not auto-commit (Hikari's {@code auto-commit} set to
 * {@code false}, common with JPA), whose statements would otherwise be rolled back when
 * the connection goes back to the pool: an enqueue that reported success would be gone.
 * Such a connection is switched to auto-commit, and switched back when it is closed, so
 * the pool gets it as it gave it. Connections that auto-commit already are handed over as
 * they are.
 * <p>
 * Inside a Spring transaction the engine still joins the application's transaction:
 * Spring keys a transaction's connection by the target {@code DataSource}, and this one
 * unwraps to it ({@link InfrastructureProxy}).
 *
 * @author QTasks contributors
 */
public final class AutoCommitDataSource extends DelegatingDataSource implements InfrastructureProxy {

	private AutoCommitDataSource(DataSource target) {
		super(target);
	}

	/**
	 * The engine's view of a {@code DataSource}. A
	 * {@link TransactionAwareDataSourceProxy} is looked through, as Spring's
	 * {@code DataSourceTransactionManager} looks through it, so that the engine finds the
	 * application's transaction under the key that manager bound it to (the proxy's
	 * target).
	 * @param dataSource the application's {@code DataSource} (or one wrapped already)
	 * @return the {@code DataSource} the engine's statements run on
	 */
	public static DataSource of(DataSource dataSource) {
		if (dataSource instanceof AutoCommitDataSource) {
			return dataSource;
		}
		DataSource target = (dataSource instanceof TransactionAwareDataSourceProxy proxy) ? proxy.getTargetDataSource()
				: null;
		return new AutoCommitDataSource((target != null) ? target : dataSource);
	}

	@Override
	public Connection getConnection() throws SQLException {
		return autoCommitting(obtainTargetDataSource().getConnection());
	}

	@Override
	public Connection getConnection(String username, String password) throws SQLException {
		return autoCommitting(obtainTargetDataSource().getConnection(username, password));
	}

	@Override
	public Object getWrappedObject() {
		return obtainTargetDataSource();
	}

	private static Connection autoCommitting(Connection connection) throws SQLException {
		if (connection.getAutoCommit()) {
			return connection;
		}
		try {
			connection.setAutoCommit(true);
		}
		catch (SQLException | RuntimeException ex) {
			connection.close();
			throw ex;
		}
		return (Connection) Proxy.newProxyInstance(AutoCommitDataSource.class.getClassLoader(),
				new Class<?>[] { ConnectionProxy.class }, (proxy, method, args) -> switch (method.getName()) {
					case "equals" -> proxy == args[0];
					case "hashCode" -> System.identityHashCode(proxy);
					case "getTargetConnection" -> connection;
					case "close" -> {
						restoreAndClose(connection);
						yield null;
					}
					default -> invoke(connection, method, args);
				});
	}

	private static void restoreAndClose(Connection connection) throws SQLException {
		try {
			if (!connection.isClosed()) {
				connection.setAutoCommit(false);
			}
		}
		finally {
			connection.close();
		}
	}

	private static Object invoke(Connection connection, Method method, Object[] args) throws Throwable {
		try {
			return method.invoke(connection, args);
		}
		catch (InvocationTargetException ex) {
			throw ex.getTargetException();
		}
	}

}
