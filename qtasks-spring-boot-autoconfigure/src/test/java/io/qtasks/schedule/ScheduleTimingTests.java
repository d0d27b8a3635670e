package io.qtasks.schedule;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.qtasks.Misfire;
import io.qtasks.definition.ScheduleSpec;
import io.qtasks.engine.spi.StoredSchedule;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * When schedules are due, and what a firer fires after due times were missed.
 *
 * @author QTasks contributors
 */
class ScheduleTimingTests {

	private static final ZoneId PARIS = ZoneId.of("Europe/Paris");

	private static final Instant CREATED = Instant.parse("2026-03-01T00:00:00Z");

	@Test
	void aCronExpressionIsReadInItsZone() {
		ScheduleSpec nightly = cron("0 0 3 * * *", PARIS, Misfire.RUN_ONCE);
		Instant next = nightly.nextAfter(Instant.parse("2026-03-01T10:00:00Z"), CREATED);
		assertThat(next).isEqualTo(ZonedDateTime.of(2026, 3, 2, 3, 0, 0, 0, PARIS).toInstant());
		// across the switch to summer time, still 3 in the morning in Paris
		assertThat(nightly.nextAfter(Instant.parse("2026-03-29T12:00:00Z"), CREATED))
			.isEqualTo(Instant.parse("2026-03-30T01:00:00Z"));
	}

	@Test
	void macrosAreCronExpressions() {
		ScheduleSpec daily = cron("@daily", ZoneId.of("UTC"), Misfire.RUN_ONCE);
		assertThat(daily.nextAfter(Instant.parse("2026-03-01T10:00:00Z"), CREATED))
			.isEqualTo(Instant.parse("2026-03-02T00:00:00Z"));
		assertThat(cron("@hourly", ZoneId.of("UTC"), Misfire.RUN_ONCE).nextAfter(Instant.parse("2026-03-01T10:15:00Z"),
				CREATED))
			.isEqualTo(Instant.parse("2026-03-01T11:00:00Z"));
	}

	@Test
	void aFixedRateCountsFromItsAnchorAndStartsThere() {
		ScheduleSpec rate = fixedRate(Duration.ofSeconds(10), Misfire.RUN_ONCE);
		assertThat(rate.nextAfter(CREATED.minusMillis(1), CREATED)).isEqualTo(CREATED);
		assertThat(rate.nextAfter(CREATED, CREATED)).isEqualTo(CREATED.plusSeconds(10));
		assertThat(rate.nextAfter(CREATED.plusSeconds(25), CREATED)).isEqualTo(CREATED.plusSeconds(30));
		assertThat(rate.latestAtOrBefore(CREATED, CREATED.plusSeconds(25), CREATED, 10))
			.isEqualTo(CREATED.plusSeconds(20));
	}

	@Test
	void invalidSpecsAreRefused() {
		assertThatIllegalArgumentException().isThrownBy(() -> cron("every day", null, Misfire.RUN_ONCE));
		assertThatIllegalArgumentException().isThrownBy(() -> fixedRate(Duration.ZERO, Misfire.RUN_ONCE));
	}

	@Test
	void aNewScheduleFiresNothingFromBeforeItWasCreated() {
		StoredSchedule created = new StoredSchedule("s", null, CREATED.plusMillis(500), false, null, null, null);
		ActiveSchedule schedule = new ActiveSchedule("s", "task",
				cron("0 * * * * *", ZoneId.of("UTC"), Misfire.RUN_ONCE), null, true, created);
		ActiveSchedule.Plan plan = schedule.plan(CREATED.plusSeconds(30), Duration.ofSeconds(10));
		assertThat(plan.fire()).isNull();
		assertThat(plan.next()).isEqualTo(CREATED.plusSeconds(60));
	}

	@Test
	void aDueTimeFiresOnceAndTheNextOneIsPlanned() {
		ActiveSchedule schedule = schedule(cron("0 * * * * *", ZoneId.of("UTC"), Misfire.RUN_ONCE), null, null);
		Instant now = CREATED.plusSeconds(60).plusMillis(20);
		ActiveSchedule.Plan plan = schedule.plan(now, Duration.ofSeconds(10));
		assertThat(plan.fire()).isEqualTo(CREATED.plusSeconds(60));
		assertThat(plan.next()).isEqualTo(CREATED.plusSeconds(120));
		ActiveSchedule fired = schedule.fired(plan.fire(), UUID.randomUUID());
		assertThat(fired.plan(now, Duration.ofSeconds(10)).fire()).isNull();
	}

	@Test
	void missedDueTimesRunOnceForTheLatestWithRunOnce() {
		ActiveSchedule schedule = schedule(cron("0 * * * * *", ZoneId.of("UTC"), Misfire.RUN_ONCE),
				CREATED.plusSeconds(60), null);
		ActiveSchedule.Plan plan = schedule.plan(CREATED.plusSeconds(3600 + 30), Duration.ofSeconds(10));
		assertThat(plan.fire()).isEqualTo(CREATED.plusSeconds(3600));
		assertThat(plan.next()).isEqualTo(CREATED.plusSeconds(3660));
	}

	@Test
	void missedDueTimesAreSkippedWithSkipButALateOneWithinTheThresholdFires() {
		ScheduleSpec skip = cron("0 * * * * *", ZoneId.of("UTC"), Misfire.SKIP);
		ActiveSchedule schedule = schedule(skip, CREATED.plusSeconds(60), null);
		ActiveSchedule.Plan missed = schedule.plan(CREATED.plusSeconds(3600 + 30), Duration.ofSeconds(10));
		assertThat(missed.fire()).isNull();
		assertThat(missed.next()).isEqualTo(CREATED.plusSeconds(3660));
		ActiveSchedule.Plan late = schedule.plan(CREATED.plusSeconds(3600 + 5), Duration.ofSeconds(10));
		assertThat(late.fire()).isEqualTo(CREATED.plusSeconds(3600));
	}

	@Test
	void aResumedScheduleFiresNothingFromWhileItWasPaused() {
		ActiveSchedule schedule = schedule(fixedRate(Duration.ofSeconds(10), Misfire.RUN_ONCE), CREATED.plusSeconds(10),
				CREATED.plusSeconds(95));
		ActiveSchedule.Plan plan = schedule.plan(CREATED.plusSeconds(96), Duration.ofSeconds(10));
		assertThat(plan.fire()).isNull();
		assertThat(plan.next()).isEqualTo(CREATED.plusSeconds(100));
	}

	@Test
	void aPausedScheduleHasNothingDue() {
		StoredSchedule paused = new StoredSchedule("paused", null, CREATED, true, null, null, null);
		ActiveSchedule schedule = new ActiveSchedule("paused", "task",
				fixedRate(Duration.ofSeconds(1), Misfire.RUN_ONCE), null, true, paused);
		assertThat(schedule.plan(CREATED.plusSeconds(5), Duration.ZERO)).isEqualTo(ActiveSchedule.Plan.NOTHING);
	}

	@Test
	void firingIdsDependOnTheScheduleAndTheDueTimeOnly() {
		assertThat(FiringIds.of("a", CREATED)).isEqualTo(FiringIds.of("a", CREATED))
			.isNotEqualTo(FiringIds.of("b", CREATED))
			.isNotEqualTo(FiringIds.of("a", CREATED.plusSeconds(1)));
	}

	private static ActiveSchedule schedule(ScheduleSpec spec, Instant lastDueAt, Instant resumedAt) {
		StoredSchedule stored = new StoredSchedule("s", null, CREATED, false, resumedAt, lastDueAt, null);
		return new ActiveSchedule("s", "task", spec, null, true, stored);
	}

	private static ScheduleSpec cron(String cron, ZoneId zone, Misfire misfire) {
		return ScheduleSpec.cron(cron, zone, List.of(), Map.of(), misfire);
	}

	private static ScheduleSpec fixedRate(Duration rate, Misfire misfire) {
		return ScheduleSpec.fixedRate(rate, List.of(), Map.of(), misfire);
	}

}
