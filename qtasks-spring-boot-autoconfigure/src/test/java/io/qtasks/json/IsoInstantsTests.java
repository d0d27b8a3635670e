package io.qtasks.json;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Tests for {@link IsoInstants}.
 *
 * @author QTasks contributors
 */
class IsoInstantsTests {

	@ParameterizedTest
	@ValueSource(strings = { "1970-01-01T00:00:00Z", "2026-12-01T18:40:13Z", "2026-12-01T18:40:13.120Z",
			"2026-12-01T18:40:13.123456Z", "2026-12-01T18:40:13.123456789Z", "2024-02-29T23:59:59.999Z",
			"1969-12-31T23:59:59.000000001Z", "0000-01-01T00:00:00Z", "9999-12-31T23:59:59.999999999Z",
			"+10000-01-01T00:00:00Z", "-0001-12-31T23:59:59Z" })
	void writesAndReadsTheTextOfInstantToString(String text) {
		Instant instant = Instant.parse(text);
		assertThat(IsoInstants.format(instant)).isEqualTo(instant.toString()).isEqualTo(text);
		assertThat(IsoInstants.parse(text)).isEqualTo(instant);
	}

	@Test
	void writesWhatInstantToStringWritesAndReadsItBack() {
		SplittableRandom random = new SplittableRandom(16);
		int[] units = { 1_000_000_000, 1_000_000, 1_000, 1 };
		for (int i = 0; i < 100_000; i++) {
			long seconds = random.nextLong(-62_167_219_200L, 253_402_300_800L);
			int unit = units[i % units.length];
			Instant instant = Instant.ofEpochSecond(seconds, random.nextInt(1_000_000_000) / unit * unit);
			String text = IsoInstants.format(instant);
			assertThat(text).isEqualTo(instant.toString());
			assertThat(IsoInstants.parse(text)).isEqualTo(instant);
		}
	}

	@ParameterizedTest
	@ValueSource(strings = { "2026-12-01T19:40:13.5+01:00", "2026-12-01T18:40:13.1Z", "2026-12-01T18:40:13.12Z",
			"2026-12-01T18:40:13.1234Z", "2026-12-01t18:40:13z", "2026-12-01T18:40:13+00:00",
			"2026-12-01T13:40:13-05:00", "2026-12-01T18:40:13.Z", "2026-12-01T24:00:00Z" })
	void readsOtherIsoFormsAsInstantParseDoes(String text) {
		assertThat(IsoInstants.parse(text)).isEqualTo(Instant.parse(text));
	}

	@ParameterizedTest
	@ValueSource(strings = { "", "yesterday", "2026-12-01", "2026-12-01 18:40:13Z", "2026-02-29T00:00:00Z",
			"2026-13-01T00:00:00Z", "2026-12-01T25:00:00Z", "2026-12-01T18:60:13Z", "2026-12-01T18:40:13.1234567890Z",
			"2026-12-0xT18:40:13Z", "2026-12-01T18:40:13" })
	void failsOnTextThatIsNoInstantNamingIt(String text) {
		assertThatExceptionOfType(DateTimeParseException.class).isThrownBy(() -> IsoInstants.parse(text))
			.withMessageContaining("'" + text + "'");
	}

}
