package io.qtasks.autoconfigure;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Settings of the dashboard, the page that shows the {@code qtasks} actuator endpoint.
 *
 * @author QTasks contributors
 */
@ConfigurationProperties("qtasks.dashboard")
public class QTasksDashboardProperties {

	/**
	 * Whether to serve the dashboard. It is served only when Spring MVC or WebFlux serves
	 * the application and the qtasks endpoint is exposed over HTTP on the same port.
	 */
	private boolean enabled = true;

	/**
	 * Where the dashboard is served; the page itself is at this path with a trailing
	 * slash.
	 */
	private String path = "/qtasks";

	public boolean isEnabled() {
		return this.enabled;
	}

	public void setEnabled(boolean enabled) {
		this.enabled = enabled;
	}

	public String getPath() {
		return this.path;
	}

	public void setPath(String path) {
		this.path = path;
	}

}
