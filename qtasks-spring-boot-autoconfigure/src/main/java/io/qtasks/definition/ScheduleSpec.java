package io.qtasks.definition;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

import org.springframework.scheduling.support.CronExpression;

import io.qtasks.Misfire;

/**
 * When a recurring schedule is due and what each firing passes: a cron expression (read
 * in a time zone) or a fixed rate (counted from an anchor, the schedule's creation), the
 * arguments as JSON values, and the misfire policy. Immutable.
 *
 * @author QTasks contributors
 */
public final class ScheduleSpec {

	private final @Nullable String cron;

	private final @Nullable CronExpression expression;

	private final @Nullable ZoneId zone;

	private final @Nullable Duration fixedRate;

	private final List<Object> args;

	private final Map<String, Object> kwargs;

	private final Misfire misfire;

	private ScheduleSpec(@Nullable String cron, @Nullable ZoneId zone, @Nullable Duration fixedRate, List<Object> args,
			Map<String, Object> kwargs, Misfire misfire) {
		if ((cron == null) == (fixedRate == null)) {
			throw new IllegalArgumentException("A schedule needs either a cron expression or a fixed rate, not "
					+ ((cron == null) ? "neither" : "both"));
		}
		if (fixedRate != null && fixedRate.toMillis() < 1) {
			throw new IllegalArgumentException("A fixed rate must be at least 1ms, was " + fixedRate);
		}
		this.cron = cron;
		this.expression = (cron != null) ? CronExpression.parse(cron) : null;
		this.zone = zone;
		this.fixedRate = fixedRate;
		// JSON values: null elements and values are kept
		this.args = Collections.unmodifiableList(new ArrayList<>(args));
		this.kwargs = Collections.unmodifiableMap(new LinkedHashMap<>(kwargs));
		this.misfire = misfire;
	}

	/**
	 * A schedule on a cron expression.
	 * @param cron the expression, in Spring's syntax (macros included)
	 * @param zone the zone it is read in, or {@code null} for the node's default zone
	 * @param args the positional arguments, as JSON values
	 * @param kwargs the named arguments, as JSON values
	 * @param misfire the misfire policy
	 * @return the spec
	 * @throws IllegalArgumentException when the expression is not valid
	 */
	public static ScheduleSpec cron(String cron, @Nullable ZoneId zone, List<Object> args, Map<String, Object> kwargs,
			Misfire misfire) {
		return new ScheduleSpec(cron.trim(), zone, null, args, kwargs, misfire);
	}

	/**
	 * A schedule at a fixed rate.
	 * @param fixedRate the time between two due times, at least one millisecond
	 * @param args the positional arguments, as JSON values
	 * @param kwargs the named arguments, as JSON values
	 * @param misfire the misfire policy
	 * @return the spec
	 * @throws IllegalArgumentException when the rate is shorter than a millisecond
	 */
	public static ScheduleSpec fixedRate(Duration fixedRate, List<Object> args, Map<String, Object> kwargs,
			Misfire misfire) {
		return new ScheduleSpec(null, null, fixedRate, args, kwargs, misfire);
	}

	public @Nullable String cron() {
		return this.cron;
	}

	public @Nullable ZoneId zone() {
		return this.zone;
	}

	public @Nullable Duration fixedRate() {
		return this.fixedRate;
	}

	public List<Object> args() {
		return this.args;
	}

	public Map<String, Object> kwargs() {
		return this.kwargs;
	}

	public Misfire misfire() {
		return this.misfire;
	}

	/**
	 * The first due time strictly after an instant.
	 * @param after the instant
	 * @param anchor where a fixed rate counts from (the schedule's creation); its first
	 * due time is the anchor itself
	 * @return the due time, or {@code null} when there is none (a cron expression that
	 * never matches again)
	 */
	public @Nullable Instant nextAfter(Instant after, Instant anchor) {
		if (this.expression != null) {
			ZoneId in = (this.zone != null) ? this.zone : ZoneId.systemDefault();
			ZonedDateTime next = this.expression.next(after.atZone(in));
			return (next != null) ? next.toInstant() : null;
		}
		long rate = this.fixedRate.toMillis();
		long anchorMillis = anchor.toEpochMilli();
		long afterMillis = after.toEpochMilli();
		if (afterMillis < anchorMillis) {
			return Instant.ofEpochMilli(anchorMillis);
		}
		long periods = (afterMillis - anchorMillis) / rate + 1;
		return Instant.ofEpochMilli(anchorMillis + periods * rate);
	}

	/**
	 * The last due time at or before an instant, no earlier than {@code first}.
	 * @param first a due time at or before {@code now}
	 * @param now the instant
	 * @param anchor where a fixed rate counts from
	 * @param maxSteps the most due times a cron expression is walked through
	 * @return the latest due time
	 */
	public Instant latestAtOrBefore(Instant first, Instant now, Instant anchor, int maxSteps) {
		if (this.fixedRate != null) {
			long rate = this.fixedRate.toMillis();
			long anchorMillis = anchor.toEpochMilli();
			long periods = Math.max(0, (now.toEpochMilli() - anchorMillis) / rate);
			Instant latest = Instant.ofEpochMilli(anchorMillis + periods * rate);
			return latest.isBefore(first) ? first : latest;
		}
		Instant latest = first;
		for (int step = 0; step < maxSteps; step++) {
			Instant next = nextAfter(latest, anchor);
			if (next == null || next.isAfter(now)) {
				break;
			}
			latest = next;
		}
		return latest;
	}

	/**
	 * The timing in a readable form, for messages.
	 * @return for example {@code cron '0 0 3 * * *' in Europe/Paris} or
	 * {@code every PT10S}
	 */
	public String describeTiming() {
		if (this.cron != null) {
			return "cron '" + this.cron + "'" + ((this.zone != null) ? " in " + this.zone : "");
		}
		return "every " + this.fixedRate;
	}

	@Override
	public boolean equals(@Nullable Object other) {
		return other instanceof ScheduleSpec that && Objects.equals(this.cron, that.cron)
				&& Objects.equals(this.zone, that.zone) && Objects.equals(this.fixedRate, that.fixedRate)
				&& this.args.equals(that.args) && this.kwargs.equals(that.kwargs) && this.misfire == that.misfire;
	}

	@Override
	public int hashCode() {
		return Objects.hash(this.cron, this.zone, this.fixedRate, this.args, this.kwargs, this.misfire);
	}

	@Override
	public String toString() {
		return "ScheduleSpec(" + describeTiming() + ", args=" + this.args + ", kwargs=" + this.kwargs + ", misfire="
				+ this.misfire + ")";
	}

}
