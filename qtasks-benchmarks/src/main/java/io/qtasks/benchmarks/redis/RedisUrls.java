package io.qtasks.benchmarks.redis;

import java.net.URI;
import java.util.Optional;

/**
 * Reads the parts of a {@code redis://[:password@]host[:port][/database]} URL.
 *
 * @author QTasks contributors
 */
public final class RedisUrls {

	private RedisUrls() {
	}

	/**
	 * The database index.
	 * @param url the URL
	 * @return the index in the path, 0 without one
	 */
	public static int database(URI url) {
		String path = (url.getPath() != null) ? url.getPath().replace("/", "") : "";
		return path.isEmpty() ? 0 : Integer.parseInt(path);
	}

	/**
	 * The port.
	 * @param url the URL
	 * @return the port, 6379 without one
	 */
	public static int port(URI url) {
		return (url.getPort() > 0) ? url.getPort() : 6379;
	}

	/**
	 * The password.
	 * @param url the URL
	 * @return the password in the user info, if any
	 */
	public static Optional<String> password(URI url) {
		String userInfo = url.getUserInfo();
		if (userInfo == null || userInfo.isEmpty()) {
			return Optional.empty();
		}
		int colon = userInfo.indexOf(':');
		return Optional.of((colon >= 0) ? userInfo.substring(colon + 1) : userInfo);
	}

}
