package io.qtasks.dashboard;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.zip.CRC32;

import org.springframework.core.io.ClassPathResource;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.util.StreamUtils;

/**
 * The dashboard's page, whatever the web stack: its path, its HTML with the address of
 * the {@code qtasks} endpoint written in (relative to the page, so that a context path or
 * a proxy's prefix changes nothing), and how the page and its assets are cached.
 * <p>
 * The page is built once, at start-up. Its assets are named with a hash of their content
 * ({@code assets/app.js?v=…}), so that a browser may keep them for a day and still gets
 * new ones with a new version of QTasks.
 *
 * @author QTasks contributors
 */
public final class DashboardPage {

	/**
	 * Where the page and its assets are on the class path.
	 */
	public static final String LOCATION = "classpath:/io/qtasks/dashboard/";

	/**
	 * Where the assets are, below the dashboard's path and below {@link #LOCATION}.
	 */
	public static final String ASSETS = "assets/";

	/**
	 * The page's content type.
	 */
	public static final MediaType HTML = new MediaType(MediaType.TEXT_HTML, StandardCharsets.UTF_8);

	/**
	 * Headers of the page beyond its type and caching: the page runs only its own script
	 * and styles and talks only to its own origin, whatever a task's data holds.
	 */
	public static final Map<String, String> PAGE_HEADERS = Map.of("Content-Security-Policy",
			"default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self';"
					+ " base-uri 'none'; form-action 'none'; frame-ancestors 'self'",
			"X-Content-Type-Options", "nosniff", "Referrer-Policy", "same-origin");

	private static final String TEMPLATE = "io/qtasks/dashboard/index.html";

	private static final String[] ASSET_FILES = { "io/qtasks/dashboard/assets/app.js",
			"io/qtasks/dashboard/assets/app.css" };

	private static final Pattern VALID_PATH = Pattern.compile("(/[A-Za-z0-9._~-]+)+");

	private final String path;

	private final byte[] html;

	private final Instant lastModified = Instant.now().truncatedTo(ChronoUnit.SECONDS);

	/**
	 * Builds the page.
	 * @param path where the dashboard is served, such as {@code /qtasks}
	 * @param endpointPath where the {@code qtasks} endpoint is, such as
	 * {@code /actuator/qtasks}
	 * @throws IllegalArgumentException when the path is not a plain path below the root
	 */
	public DashboardPage(String path, String endpointPath) {
		if (path == null || !VALID_PATH.matcher(path).matches() || path.contains("/../") || path.endsWith("/..")) {
			throw new IllegalArgumentException("qtasks.dashboard.path must be a path below the root such as /qtasks"
					+ " (segments of letters, digits and . _ ~ -, no trailing slash), was '" + path + "'");
		}
		this.path = path;
		String template = read(TEMPLATE);
		this.html = template.replace("@endpoint@", relative(path, endpointPath))
			.replace("@version@", assetsVersion())
			.getBytes(StandardCharsets.UTF_8);
	}

	/**
	 * Where the dashboard is served, without a trailing slash.
	 * @return the path
	 */
	public String path() {
		return this.path;
	}

	/**
	 * The page's address, {@link #path()} with a trailing slash (the page's relative
	 * links start there).
	 * @return the page's path
	 */
	public String pagePath() {
		return this.path + "/";
	}

	/**
	 * A redirect from {@link #path()} to {@link #pagePath()}, relative to the former.
	 * @return the relative location
	 */
	public String redirectLocation() {
		return this.path.substring(this.path.lastIndexOf('/') + 1) + "/";
	}

	/**
	 * The path pattern of the assets.
	 * @return the pattern
	 */
	public String assetsPattern() {
		return pagePath() + ASSETS + "**";
	}

	/**
	 * The page as UTF-8 HTML.
	 * @return a copy of the bytes
	 */
	public byte[] html() {
		return this.html.clone();
	}

	/**
	 * When the page was built, for {@code Last-Modified} and conditional requests.
	 * @return the instant, to the second
	 */
	public Instant lastModified() {
		return this.lastModified;
	}

	/**
	 * The caching of the page: revalidated on every load, kept by the browser only.
	 * @return the cache control
	 */
	public CacheControl pageCacheControl() {
		return CacheControl.noCache().cachePrivate();
	}

	/**
	 * The caching of the assets: a day, by the browser only (their links change with
	 * their content).
	 * @return the cache control
	 */
	public CacheControl assetsCacheControl() {
		return CacheControl.maxAge(Duration.ofDays(1)).cachePrivate();
	}

	/**
	 * The endpoint's address as the page's relative link: up from the page's directory to
	 * the root, then down to the endpoint.
	 */
	static String relative(String pagePath, String endpointPath) {
		long depth = pagePath.chars().filter((c) -> c == '/').count();
		String endpoint = endpointPath.startsWith("/") ? endpointPath.substring(1) : endpointPath;
		return "../".repeat((int) depth) + endpoint;
	}

	private static String assetsVersion() {
		CRC32 crc = new CRC32();
		for (String asset : ASSET_FILES) {
			crc.update(read(asset).getBytes(StandardCharsets.UTF_8));
		}
		return Long.toHexString(crc.getValue());
	}

	private static String read(String location) {
		try (InputStream in = new ClassPathResource(location, DashboardPage.class.getClassLoader()).getInputStream()) {
			return StreamUtils.copyToString(in, StandardCharsets.UTF_8);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("The dashboard's " + location + " is missing from the class path", ex);
		}
	}

}
