package io.qtasks.benchmarks.redis;

import java.nio.file.Path;
import java.util.List;
import java.util.function.Function;
import java.util.function.ToIntFunction;

import org.jspecify.annotations.Nullable;

/**
 * The options of the Redis ceiling ({@code redis-benchmark}), set through
 * {@code BenchmarkOptions}.
 *
 * @author QTasks contributors
 */
public final class CeilingOptions {

	private int requests = 100_000;

	private int clients = 50;

	private List<Integer> pipeline = List.of(1, 16);

	private @Nullable Path commands;

	/**
	 * Smaller figures for {@code --quick}.
	 */
	public void quick() {
		this.requests = 20_000;
		this.pipeline = List.of(1);
	}

	/**
	 * Takes one option when it is one of these.
	 * @param name the option name without {@code --}
	 * @param value its value
	 * @param positive parses a positive number, naming the option in its error
	 * @param integers parses a comma-separated list of numbers
	 * @return {@code true} when the option was one of these
	 */
	public boolean set(String name, String value, ToIntFunction<String> positive,
			Function<String, List<Integer>> integers) {
		switch (name) {
			case "ceiling-requests" -> this.requests = positive.applyAsInt(value);
			case "ceiling-clients" -> this.clients = positive.applyAsInt(value);
			case "ceiling-pipeline" -> this.pipeline = integers.apply(value);
			case "ceiling-commands" -> this.commands = Path.of(value);
			default -> {
				return false;
			}
		}
		return true;
	}

	/**
	 * Requests per {@code redis-benchmark} command.
	 * @return the count
	 */
	public int requests() {
		return this.requests;
	}

	/**
	 * Parallel connections of {@code redis-benchmark}.
	 * @return the count
	 */
	public int clients() {
		return this.clients;
	}

	/**
	 * Pipeline depths to measure.
	 * @return the depths
	 */
	public List<Integer> pipeline() {
		return this.pipeline;
	}

	/**
	 * A file with the commands to measure instead of the bundled list.
	 * @return the file, or {@code null} for the bundled list
	 */
	public @Nullable Path commands() {
		return this.commands;
	}

}
