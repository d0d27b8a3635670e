package io.qtasks.dashboard;

import java.net.URI;

import org.springframework.web.reactive.config.ResourceHandlerRegistry;
import org.springframework.web.reactive.config.WebFluxConfigurer;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerResponse;

/**
 * Serves the dashboard with Spring WebFlux: the page at {@link DashboardPage#pagePath()}
 * (a redirect there from {@link DashboardPage#path()}), the assets below it.
 *
 * @author QTasks contributors
 */
public class DashboardWebFluxConfigurer implements WebFluxConfigurer {

	private final DashboardPage page;

	/**
	 * Creates the configurer.
	 * @param page the page
	 */
	public DashboardWebFluxConfigurer(DashboardPage page) {
		this.page = page;
	}

	@Override
	public void addResourceHandlers(ResourceHandlerRegistry registry) {
		registry.addResourceHandler(this.page.assetsPattern())
			.addResourceLocations(DashboardPage.LOCATION + DashboardPage.ASSETS)
			.setCacheControl(this.page.assetsCacheControl());
	}

	/**
	 * The page and the redirect to it.
	 * @return the routes
	 */
	public RouterFunction<ServerResponse> routes() {
		return RouterFunctions.route()
			.GET(this.page.path(),
					(request) -> ServerResponse.status(301).location(URI.create(this.page.redirectLocation())).build())
			.GET(this.page.pagePath(),
					(request) -> ServerResponse.ok()
						.contentType(DashboardPage.HTML)
						.cacheControl(this.page.pageCacheControl())
						.lastModified(this.page.lastModified())
						.headers((headers) -> headers.setAll(DashboardPage.PAGE_HEADERS))
						.bodyValue(this.page.html()))
			.build();
	}

}
