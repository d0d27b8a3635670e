package io.qtasks.benchmarks.result;

import java.util.Objects;

/**
 * A measured figure, or why there is none (skipped, not available in this build, failed).
 *
 * @param <T> the figure's type
 * @param value the figure, or {@code null}
 * @param reason why there is no figure, or {@code null}
 * @author QTasks contributors
 */
public record Outcome<T>(T value, String reason) {

	/**
	 * A measured figure.
	 * @param <T> the figure's type
	 * @param value the figure
	 * @return the outcome
	 */
	public static <T> Outcome<T> of(T value) {
		return new Outcome<>(Objects.requireNonNull(value), null);
	}

	/**
	 * No figure.
	 * @param <T> the figure's type
	 * @param reason why
	 * @return the outcome
	 */
	public static <T> Outcome<T> missing(String reason) {
		return new Outcome<>(null, Objects.requireNonNull(reason));
	}

	/**
	 * Whether there is a figure.
	 * @return {@code true} when measured
	 */
	public boolean present() {
		return this.value != null;
	}

}
