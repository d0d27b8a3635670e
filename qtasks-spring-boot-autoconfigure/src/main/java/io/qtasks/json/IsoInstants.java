package io.qtasks.json;

import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;

import org.jspecify.annotations.Nullable;

/**
 * The ISO-8601 text of instants in task records, exactly as {@link Instant#toString()}
 * writes it ({@code 2026-12-01T18:40:13.123Z}: UTC, seconds always, the fraction in
 * groups of three digits as needed), written and read without a
 * {@code DateTimeFormatter}, which costs several times more and runs a few times per
 * task.
 * <p>
 * {@link #parse(CharSequence)} reads that form by hand and leaves every other form to
 * {@link Instant#parse(CharSequence)}, so text written elsewhere (an offset such as
 * {@code +02:00}, fewer fraction digits, lowercase letters) reads as it always did.
 *
 * @author QTasks contributors
 */
public final class IsoInstants {

	private static final long SECONDS_PER_DAY = 86_400;

	/** 0000-01-01T00:00:00Z, the first instant written with a four-digit year. */
	private static final long MIN_FAST_SECOND = -62_167_219_200L;

	/** 9999-12-31T23:59:59Z, the last instant written with a four-digit year. */
	private static final long MAX_FAST_SECOND = 253_402_300_799L;

	/** The length of {@code 0000-00-00T00:00:00Z}. */
	private static final int SHORTEST = 20;

	private static final int[] NANOS_PER_DIGITS = { 0, 100_000_000, 10_000_000, 1_000_000, 100_000, 10_000, 1_000, 100,
			10, 1 };

	private IsoInstants() {
	}

	/**
	 * Writes an instant as {@link Instant#toString()} does.
	 * @param instant the instant
	 * @return its ISO-8601 text
	 */
	public static String format(Instant instant) {
		long seconds = instant.getEpochSecond();
		if (seconds < MIN_FAST_SECOND || seconds > MAX_FAST_SECOND) {
			return instant.toString();
		}
		long day = Math.floorDiv(seconds, SECONDS_PER_DAY);
		int secondOfDay = (int) Math.floorMod(seconds, SECONDS_PER_DAY);
		LocalDate date = LocalDate.ofEpochDay(day);
		int nanos = instant.getNano();
		int fractionDigits = (nanos == 0) ? 0 : (nanos % 1_000_000 == 0) ? 3 : (nanos % 1_000 == 0) ? 6 : 9;
		char[] text = new char[SHORTEST + ((fractionDigits > 0) ? fractionDigits + 1 : 0)];
		digits(text, 0, date.getYear(), 4);
		text[4] = '-';
		digits(text, 5, date.getMonthValue(), 2);
		text[7] = '-';
		digits(text, 8, date.getDayOfMonth(), 2);
		text[10] = 'T';
		digits(text, 11, secondOfDay / 3600, 2);
		text[13] = ':';
		digits(text, 14, secondOfDay / 60 % 60, 2);
		text[16] = ':';
		digits(text, 17, secondOfDay % 60, 2);
		int end = 19;
		if (fractionDigits > 0) {
			text[end] = '.';
			digits(text, end + 1, nanos / NANOS_PER_DIGITS[fractionDigits], fractionDigits);
			end += fractionDigits + 1;
		}
		text[end] = 'Z';
		return new String(text);
	}

	/**
	 * Reads an instant as {@link Instant#parse(CharSequence)} does.
	 * @param text ISO-8601 text, such as {@code 2026-12-01T18:40:13.123Z}
	 * @return the instant
	 * @throws DateTimeParseException when the text is no ISO-8601 instant
	 */
	public static Instant parse(CharSequence text) {
		Instant instant = parseUtc(text);
		return (instant != null) ? instant : Instant.parse(text);
	}

	/**
	 * Reads the form {@link #format(Instant)} writes, with one to nine fraction digits.
	 * @param text the text
	 * @return the instant, or {@code null} when the text has another form or names no
	 * valid date and time
	 */
	static @Nullable Instant parseUtc(CharSequence text) {
		int length = text.length();
		if (length < SHORTEST || length > SHORTEST + 10 || length == SHORTEST + 1 || text.charAt(4) != '-'
				|| text.charAt(7) != '-' || text.charAt(10) != 'T' || text.charAt(13) != ':' || text.charAt(16) != ':'
				|| text.charAt(length - 1) != 'Z') {
			return null;
		}
		int year = number(text, 0, 4);
		int month = number(text, 5, 2);
		int day = number(text, 8, 2);
		int hour = number(text, 11, 2);
		int minute = number(text, 14, 2);
		int second = number(text, 17, 2);
		int nanos = 0;
		if (length > SHORTEST) {
			int fractionDigits = length - SHORTEST - 1;
			int fraction = (text.charAt(19) == '.') ? number(text, 20, fractionDigits) : -1;
			if (fraction < 0) {
				return null;
			}
			nanos = fraction * NANOS_PER_DIGITS[fractionDigits];
		}
		if (year < 0 || month < 1 || month > 12 || day < 1 || hour < 0 || hour > 23 || minute < 0 || minute > 59
				|| second < 0 || second > 59 || day > daysInMonth(year, month)) {
			return null;
		}
		long epochDay = LocalDate.of(year, month, day).toEpochDay();
		return Instant.ofEpochSecond(epochDay * SECONDS_PER_DAY + hour * 3600L + minute * 60L + second, nanos);
	}

	private static int daysInMonth(int year, int month) {
		return switch (month) {
			case 2 -> ((year % 4 == 0 && year % 100 != 0) || year % 400 == 0) ? 29 : 28;
			case 4, 6, 9, 11 -> 30;
			default -> 31;
		};
	}

	/**
	 * The number written by {@code count} ASCII digits from {@code from}, or {@code -1}
	 * when one of them is no digit.
	 */
	private static int number(CharSequence text, int from, int count) {
		int value = 0;
		for (int i = from; i < from + count; i++) {
			int digit = text.charAt(i) - '0';
			if (digit < 0 || digit > 9) {
				return -1;
			}
			value = value * 10 + digit;
		}
		return value;
	}

	private static void digits(char[] text, int from, int value, int count) {
		int rest = value;
		for (int i = from + count - 1; i >= from; i--) {
			text[i] = (char) ('0' + rest % 10);
			rest /= 10;
		}
	}

}
