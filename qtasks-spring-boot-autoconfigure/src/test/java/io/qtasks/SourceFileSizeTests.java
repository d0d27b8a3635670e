package io.qtasks;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * No main class of any module is longer than {@value #MAX_LINES} lines: a class that
 * grows past it does more than one job and is cut along its jobs.
 *
 * @author QTasks contributors
 */
class SourceFileSizeTests {

	private static final int MAX_LINES = 300;

	@Test
	void noMainSourceFileIsLongerThanTheLimit() throws IOException {
		Path root = Path.of("").toAbsolutePath().getParent();
		List<Path> sources;
		try (Stream<Path> files = Files.walk(root, 12)) {
			sources = files.filter((file) -> file.toString().endsWith(".java"))
				.filter((file) -> root.relativize(file).toString().contains("src/main/java/"))
				.toList();
		}
		assertThat(sources).as("main sources under %s", root).isNotEmpty();
		assertThat(sources).filteredOn((file) -> lines(file) > MAX_LINES)
			.as("main source files longer than %d lines", MAX_LINES)
			.isEmpty();
	}

	private static long lines(Path file) {
		try (Stream<String> lines = Files.lines(file)) {
			return lines.count();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
