package io.qtasks.observation;

import java.util.function.Supplier;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A value for gauges, read at most once per max age, so that a scrape of many gauges
 * costs one read; a read that fails shows as {@code null} (the gauges then show
 * {@code NaN}).
 *
 * @param <T> the value's type
 * @author QTasks contributors
 */
final class CachedReading<T> {

	private static final Logger logger = LoggerFactory.getLogger(TaskQueueMetrics.class);

	private final String what;

	private final Supplier<T> source;

	private final long maxAgeNanos;

	private @Nullable T value;

	private long readAt;

	private boolean read;

	CachedReading(String what, Supplier<T> source, long maxAgeNanos) {
		this.what = what;
		this.source = source;
		this.maxAgeNanos = maxAgeNanos;
	}

	synchronized @Nullable T get() {
		long now = System.nanoTime();
		if (!this.read || now - this.readAt >= this.maxAgeNanos) {
			this.value = readNow();
			this.readAt = now;
			this.read = true;
		}
		return this.value;
	}

	private @Nullable T readNow() {
		try {
			return this.source.get();
		}
		catch (RuntimeException ex) {
			logger.debug("Could not read the {} of QTasks for its gauges: {}", this.what, ex.toString());
			return null;
		}
	}

}
