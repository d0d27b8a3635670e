package io.qtasks.engine.jdbc;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import io.qtasks.engine.spi.ClaimRequest;
import io.qtasks.engine.spi.RateLimit;
import io.qtasks.engine.spi.TaskLimits;

/**
 * The limits of task names as the flow statements take them: arrays of names, caps (0 for
 * none), permits (0 for no rate) and windows in milliseconds, one entry per limited name.
 *
 * @author QTasks contributors
 */
final class JdbcFlowLimits {

	private final Map<String, TaskLimits> limited;

	private JdbcFlowLimits(Map<String, TaskLimits> limited) {
		this.limited = limited;
	}

	/**
	 * The limits of the names a request may claim.
	 * @param request the request
	 * @return the limits
	 */
	static JdbcFlowLimits of(ClaimRequest request) {
		Map<String, TaskLimits> limited = new TreeMap<>();
		request.limits().forEach((name, limits) -> {
			if (limits.isLimited() && request.accepts(name)) {
				limited.put(name, limits);
			}
		});
		return new JdbcFlowLimits(limited);
	}

	/**
	 * Some limits.
	 * @param limits the limits by task name
	 * @return the limits of the names that have any
	 */
	static JdbcFlowLimits of(Map<String, TaskLimits> limits) {
		Map<String, TaskLimits> limited = new TreeMap<>();
		limits.forEach((name, limit) -> {
			if (limit.isLimited()) {
				limited.put(name, limit);
			}
		});
		return new JdbcFlowLimits(limited);
	}

	/**
	 * Whether no name is limited.
	 * @return {@code true} when none is
	 */
	boolean isEmpty() {
		return this.limited.isEmpty();
	}

	/**
	 * Whether some name has a rate limit.
	 * @return {@code true} when one has
	 */
	boolean hasRates() {
		return this.limited.values().stream().anyMatch((limits) -> limits.rateLimit() != null);
	}

	/**
	 * The limited names.
	 * @return the names, in order
	 */
	String[] names() {
		return this.limited.keySet().toArray(String[]::new);
	}

	/**
	 * The parameters {@code limited}, {@code caps}, {@code permits} and {@code windows}
	 * for some of the names.
	 * @param names the names to include
	 * @return the parameters
	 */
	Map<String, Object> lanes(Collection<String> names) {
		List<String> included = new ArrayList<>();
		List<Integer> caps = new ArrayList<>();
		List<Integer> permits = new ArrayList<>();
		List<Long> windows = new ArrayList<>();
		this.limited.forEach((name, limits) -> {
			if (names.contains(name)) {
				RateLimit rate = limits.rateLimit();
				included.add(name);
				caps.add(limits.maxConcurrency());
				permits.add((rate != null) ? rate.permits() : 0);
				windows.add((rate != null) ? rate.window().toMillis() : 0L);
			}
		});
		return Map.of("limited", included.toArray(String[]::new), "caps", caps.toArray(Integer[]::new), "permits",
				permits.toArray(Integer[]::new), "windows", windows.toArray(Long[]::new));
	}

	/**
	 * The parameters {@code limited}, {@code caps}, {@code permits} and {@code windows}
	 * for every limited name.
	 * @return the parameters
	 */
	Map<String, Object> lanes() {
		return lanes(this.limited.keySet());
	}

	/**
	 * The parameters {@code shareQueues} and {@code shares} (the queues with a share and
	 * their share) and {@code closed} (the queues whose share is spent).
	 * @param request the request
	 * @return the parameters
	 */
	Map<String, Object> shares(ClaimRequest request) {
		Set<String> queues = request.queueMax().keySet();
		List<String> closed = new ArrayList<>();
		request.queueMax().forEach((queue, most) -> {
			if (most <= 0) {
				closed.add(queue);
			}
		});
		String[] named = queues.toArray(String[]::new);
		Integer[] shares = new Integer[named.length];
		for (int i = 0; i < named.length; i++) {
			shares[i] = request.queueMax().get(named[i]);
		}
		return Map.of("shareQueues", named, "shares", shares, "closed", closed.toArray(String[]::new));
	}

}
