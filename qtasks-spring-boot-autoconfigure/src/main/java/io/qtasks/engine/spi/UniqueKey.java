package io.qtasks.engine.spi;

import java.time.Duration;
import java.time.Instant;

import org.springframework.util.Assert;

/**
 * The unique key a new task takes: while the task that holds it is queued, waiting or
 * running, no other task with the key is stored; once it has finished, the key stays
 * taken for {@code keepFor}, then it is free.
 *
 * @param key the key, chosen by the application
 * @param keepFor how long the key stays taken after its task finished; zero frees it at
 * once
 * @author QTasks contributors
 */
public record UniqueKey(String key, Duration keepFor) {

	/**
	 * Checks the key.
	 */
	public UniqueKey {
		Assert.hasLength(key, "a unique key must not be empty");
		Assert.isTrue(!keepFor.isNegative(), () -> "keepFor must not be negative, was " + keepFor);
	}

	/**
	 * Whether a task that finished at {@code finishedAt} still holds the key at
	 * {@code now}.
	 * @param finishedAt when the holder finished
	 * @param now the current time
	 * @return {@code true} while {@link #keepFor()} has not passed
	 */
	public boolean keptAt(Instant finishedAt, Instant now) {
		return finishedAt.plus(this.keepFor).isAfter(now);
	}

}
