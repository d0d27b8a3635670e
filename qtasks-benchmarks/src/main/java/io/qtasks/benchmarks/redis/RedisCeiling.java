package io.qtasks.benchmarks.redis;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.qtasks.benchmarks.BenchmarkContext;
import io.qtasks.benchmarks.BenchmarkOptions;
import io.qtasks.benchmarks.result.CeilingFigure;
import io.qtasks.benchmarks.result.Outcome;

/**
 * The ceiling: {@code redis-benchmark} on the benchmark Redis for the commands listed in
 * {@code redis/ceiling-commands.txt} (or {@code --ceiling-commands=FILE}).
 *
 * @author QTasks contributors
 */
public final class RedisCeiling {

	/**
	 * Where the measured keys live; deleted afterwards.
	 */
	public static final String KEY_PREFIX = "qtasks-bench:ceiling:";

	private static final String COMMANDS = "redis/ceiling-commands.txt";

	private static final Pattern PLACEHOLDER = Pattern.compile("\\{(sha|payload):([^}]+)}");

	private final BenchmarkContext context;

	private final BenchmarkOptions options;

	/**
	 * Creates the suite.
	 * @param context the run
	 */
	public RedisCeiling(BenchmarkContext context) {
		this.context = context;
		this.options = context.options();
	}

	/**
	 * Measures every listed command at every configured pipeline depth.
	 */
	public void run() {
		if (this.context.redis().isEmpty()) {
			this.context.results().ceiling(Outcome.missing(this.context.redisUnavailable()));
			return;
		}
		RedisAdmin redis = this.context.redis().get();
		try {
			CommandList list = CommandList.parse(readCommands());
			Map<String, String> shas = new HashMap<>();
			list.scripts().forEach((name, script) -> shas.put(name, redis.scriptLoad(script)));
			List<CeilingFigure> figures = new ArrayList<>();
			for (int pipeline : this.options.ceiling().pipeline()) {
				for (Map.Entry<String, String> command : list.commands()) {
					String expanded = expand(command.getValue(), shas);
					CeilingFigure figure = measure(command.getKey(), expanded, pipeline);
					figures.add(figure);
					this.context.log("redis-benchmark -P %d %s: %,.0f requests/s, p50 %.3f ms", pipeline,
							command.getKey(), figure.requestsPerSecond(), figure.p50Millis());
				}
				redis.deleteMatching(KEY_PREFIX + "*");
			}
			this.context.results().ceiling(Outcome.of(figures));
		}
		catch (IOException | RuntimeException ex) {
			this.context.log("The Redis ceiling failed: %s", ex);
			this.context.results().ceiling(Outcome.missing("failed: " + ex));
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			this.context.results().ceiling(Outcome.missing("interrupted"));
		}
		finally {
			redis.deleteMatching(KEY_PREFIX + "*");
		}
	}

	private String readCommands() throws IOException {
		if (this.options.ceiling().commands() != null) {
			return Files.readString(this.options.ceiling().commands());
		}
		try (InputStream in = RedisCeiling.class.getClassLoader().getResourceAsStream(COMMANDS)) {
			return new String(in.readAllBytes(), StandardCharsets.UTF_8);
		}
	}

	private static String expand(String command, Map<String, String> shas) {
		Matcher matcher = PLACEHOLDER.matcher(command);
		StringBuilder expanded = new StringBuilder();
		while (matcher.find()) {
			String replacement;
			if (matcher.group(1).equals("sha")) {
				replacement = shas.get(matcher.group(2));
				if (replacement == null) {
					throw new IllegalArgumentException("No script named '" + matcher.group(2) + "' in: " + command);
				}
			}
			else {
				replacement = "x".repeat(Integer.parseInt(matcher.group(2)));
			}
			matcher.appendReplacement(expanded, Matcher.quoteReplacement(replacement));
		}
		matcher.appendTail(expanded);
		return expanded.toString();
	}

	private CeilingFigure measure(String name, String command, int pipeline) throws IOException, InterruptedException {
		URI url = this.options.redisUrl();
		List<String> args = new ArrayList<>(List.of("redis-benchmark", "-h", url.getHost(), "-p",
				String.valueOf(RedisUrls.port(url)), "--dbnum", String.valueOf(RedisUrls.database(url)), "-n",
				String.valueOf(this.options.ceiling().requests()), "-c",
				String.valueOf(this.options.ceiling().clients()), "-P", String.valueOf(pipeline), "-r", "1000000",
				"--csv"));
		RedisUrls.password(url).ifPresent((password) -> args.addAll(List.of("-a", password, "--no-auth-warning")));
		args.addAll(Arrays.asList(command.trim().split("\\s+")));
		Process process = new ProcessBuilder(args).redirectErrorStream(true).start();
		String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		if (!process.waitFor(5, TimeUnit.MINUTES) || process.exitValue() != 0) {
			throw new IllegalStateException("redis-benchmark failed for " + name + ": " + output.strip());
		}
		return parse(name, command, pipeline, output);
	}

	static CeilingFigure parse(String name, String command, int pipeline, String csv) {
		for (String line : csv.split("\r?\n")) {
			String[] fields = line.replaceAll("^\"|\"$", "").split("\",\"");
			if (fields.length >= 5 && !fields[0].equals("test")) {
				try {
					return new CeilingFigure(name, shorten(command), pipeline, Double.parseDouble(fields[1]),
							Double.parseDouble(fields[4]));
				}
				catch (NumberFormatException ex) {
					// not a result line
				}
			}
		}
		throw new IllegalStateException("No result in redis-benchmark's output for " + name + ": " + csv.strip());
	}

	private static String shorten(String command) {
		return command.replaceAll("x{17,}", "<payload>").replaceAll("\\b[0-9a-f]{40}\\b", "<sha>");
	}

	/**
	 * The parsed command file.
	 *
	 * @param scripts script name to Lua source
	 * @param commands measured name to command, in file order
	 */
	record CommandList(Map<String, String> scripts, List<Map.Entry<String, String>> commands) {

		static CommandList parse(String text) {
			Map<String, String> scripts = new LinkedHashMap<>();
			List<Map.Entry<String, String>> commands = new ArrayList<>();
			for (String raw : text.split("\r?\n")) {
				String line = raw.strip();
				if (line.isEmpty() || line.startsWith("#")) {
					continue;
				}
				int colon = line.indexOf(": ");
				if (colon < 0) {
					throw new IllegalArgumentException("Expected 'NAME: COMMAND' or 'script NAME: LUA', got: " + line);
				}
				String name = line.substring(0, colon).strip();
				String value = line.substring(colon + 2).strip();
				if (name.startsWith("script ")) {
					scripts.put(name.substring("script ".length()).strip(), value);
				}
				else {
					commands.add(Map.entry(name, value));
				}
			}
			return new CommandList(scripts, commands);
		}

	}

}
