package io.qtasks.engine.redis;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

import org.springframework.core.io.ClassPathResource;
import org.springframework.data.redis.core.script.RedisScript;

/**
 * Loads the Lua scripts of the Redis engine from the class path, each with the shared
 * helpers of {@code prelude.lua} in front. Each script runs as a function, after which
 * the writes it gathered for the end of the call ({@code write_later} of the prelude:
 * counter changes, sorted-set additions and removals) are made, so that a call touching
 * many tasks changes each counter once. The scripts run on Redis 6.2 and later.
 *
 * @author QTasks contributors
 */
final class RedisScripts {

	private static final String PRELUDE = read(new ClassPathResource("prelude.lua", RedisScripts.class));

	private RedisScripts() {
	}

	/**
	 * Loads a script next to a class.
	 * @param <T> the script's result type
	 * @param owner the class whose package holds the script
	 * @param name the file name, such as {@code claim.lua}
	 * @param resultType the script's result type: {@code Long}, {@code String} or
	 * {@code List}
	 * @return the script
	 */
	static <T> RedisScript<T> load(Class<?> owner, String name, Class<T> resultType) {
		return RedisScript.of(PRELUDE + body(read(new ClassPathResource(name, owner))), resultType);
	}

	/**
	 * Loads a script that calls another one as a function: the other script's text,
	 * wrapped in a function of its {@code KEYS} and {@code ARGV}, goes between the
	 * prelude and the script.
	 * @param <T> the script's result type
	 * @param owner the class whose package holds the scripts
	 * @param name the file name of the script
	 * @param functionName the name the script calls the other one by
	 * @param functionScript the file name of the other script
	 * @param resultType the script's result type
	 * @return the script
	 */
	static <T> RedisScript<T> load(Class<?> owner, String name, String functionName, String functionScript,
			Class<T> resultType) {
		String function = "local function " + functionName + "(KEYS, ARGV)\n"
				+ read(new ClassPathResource(functionScript, owner)) + "\nend\n";
		return RedisScript.of(PRELUDE + function + body(read(new ClassPathResource(name, owner))), resultType);
	}

	private static String body(String script) {
		return "local function run_script()\n" + script
				+ "\nend\nlocal script_reply = run_script()\nwrite_later()\nreturn script_reply\n";
	}

	private static String read(ClassPathResource resource) {
		try (InputStream in = resource.getInputStream()) {
			return new String(in.readAllBytes(), StandardCharsets.UTF_8);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot read the Redis script " + resource, ex);
		}
	}

}
