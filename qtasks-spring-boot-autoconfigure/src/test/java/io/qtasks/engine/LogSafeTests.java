package io.qtasks.engine;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link LogSafe}.
 *
 * @author QTasks contributors
 */
class LogSafeTests {

	@Test
	void escapesLineBreaksAndOtherControlCharacters() {
		assertThat(LogSafe.text("evil\r\nINFO forged line\tand \u001b[31mcolour"))
			.isEqualTo("evil\\r\\nINFO forged line\\tand \\u001b[31mcolour");
	}

	@Test
	void leavesOtherTextAsItIs() {
		String text = "report: Q4 {acme} ü→✓";
		assertThat(LogSafe.text(text)).isSameAs(text);
		assertThat(LogSafe.text(null)).isEqualTo("null");
	}

}
