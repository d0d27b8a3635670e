package io.qtasks.dashboard;

import java.net.URI;

import org.springframework.web.servlet.config.annotation.ResourceHandlerRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import org.springframework.web.servlet.function.RouterFunction;
import org.springframework.web.servlet.function.RouterFunctions;
import org.springframework.web.servlet.function.ServerResponse;

/**
 * Serves the dashboard with Spring MVC: the page at {@link DashboardPage#pagePath()} (a
 * redirect there from {@link DashboardPage#path()}), the assets below it.
 *
 * @author QTasks contributors
 */
public class DashboardWebMvcConfigurer implements WebMvcConfigurer {

	private final DashboardPage page;

	/**
	 * Creates the configurer.
	 * @param page the page
	 */
	public DashboardWebMvcConfigurer(DashboardPage page) {
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
					(request) -> request.checkNotModified(this.page.lastModified())
						.orElseGet(() -> ServerResponse.ok()
							.contentType(DashboardPage.HTML)
							.cacheControl(this.page.pageCacheControl())
							.lastModified(this.page.lastModified())
							.headers((headers) -> headers.setAll(DashboardPage.PAGE_HEADERS))
							.body(this.page.html())))
			.build();
	}

}
