package io.qtasks.testsupport;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.util.UUID;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariDataSource;

import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.jdbc.datasource.DelegatingDataSource;

/**
 * A {@code DataSource} that a test can cut off the test PostgreSQL, as a database that
 * went down or a network that failed would: its connections are terminated on the server,
 * and new ones are refused until the test {@linkplain #restore() restores} it. Only this
 * application's connections are touched (they carry an application name of their own), so
 * other tests on the same server go on.
 * <p>
 * Add {@link #wrapping()} to a context to have its {@code DataSource} wrapped.
 *
 * @author QTasks contributors
 */
public class CuttableDataSource extends DelegatingDataSource {

	private final String applicationName;

	private volatile boolean cut;

	CuttableDataSource(DataSource target, String applicationName) {
		super(target);
		this.applicationName = applicationName;
	}

	/**
	 * A post-processor that wraps the context's Hikari {@code DataSource}.
	 * @return the post-processor
	 */
	public static BeanPostProcessor wrapping() {
		return new BeanPostProcessor() {

			@Override
			public Object postProcessAfterInitialization(Object bean, String beanName) {
				if (bean instanceof HikariDataSource hikari) {
					String name = "qtasks-test-" + UUID.randomUUID().toString().substring(0, 8);
					hikari.addDataSourceProperty("ApplicationName", name);
					return new CuttableDataSource(hikari, name);
				}
				return bean;
			}

		};
	}

	/**
	 * Cuts the application off: refuses new connections and terminates the open ones.
	 */
	public void cut() {
		this.cut = true;
		PostgresTestServer.get()
			.execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = '"
					+ this.applicationName + "'");
	}

	/**
	 * Lets the application connect again.
	 */
	public void restore() {
		this.cut = false;
	}

	/**
	 * The application name its connections carry.
	 * @return the name
	 */
	public String applicationName() {
		return this.applicationName;
	}

	@Override
	public Connection getConnection() throws SQLException {
		refuseWhenCut();
		return super.getConnection();
	}

	@Override
	public Connection getConnection(String username, String password) throws SQLException {
		refuseWhenCut();
		return super.getConnection(username, password);
	}

	private void refuseWhenCut() throws SQLException {
		if (this.cut) {
			throw new SQLTransientConnectionException("Connection refused: the test cut the database off", "08001");
		}
	}

}
