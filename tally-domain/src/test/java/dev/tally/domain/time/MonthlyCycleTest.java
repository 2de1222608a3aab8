package dev.tally.domain.time;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tally.domain.Generator;
import dev.tally.domain.PropertyCheck;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import org.junit.jupiter.api.Test;

class MonthlyCycleTest {
  @Test
  void anchorOnThe31stClampsToFebruary29InALeapYear() {
    MonthlyCycle cycle = cycle("2028-01-31T00:00:00Z");

    assertThat(cycle.periodsOverlapping(at("2028-01-31T00:00:00Z"), at("2028-06-01T00:00:00Z")))
        .containsExactly(
            period("2028-01-31T00:00:00Z", "2028-02-29T00:00:00Z"),
            period("2028-02-29T00:00:00Z", "2028-03-31T00:00:00Z"),
            period("2028-03-31T00:00:00Z", "2028-04-30T00:00:00Z"),
            period("2028-04-30T00:00:00Z", "2028-05-31T00:00:00Z"),
            period("2028-05-31T00:00:00Z", "2028-06-30T00:00:00Z"));
  }

  @Test
  void anchorOnThe31stClampsToFebruary28InAnOrdinaryYear() {
    MonthlyCycle cycle = cycle("2027-01-31T00:00:00Z");

    assertThat(cycle.periodContaining(at("2027-02-15T00:00:00Z")))
        .isEqualTo(period("2027-01-31T00:00:00Z", "2027-02-28T00:00:00Z"));
    assertThat(cycle.periodContaining(at("2027-03-01T00:00:00Z")))
        .isEqualTo(period("2027-02-28T00:00:00Z", "2027-03-31T00:00:00Z"));
    assertThat(cycle.periodContaining(at("2027-02-20T00:00:00Z")).length())
        .isEqualTo(Duration.ofDays(28));
  }

  @Test
  void aShortMonthDoesNotMoveLaterPeriods() {
    MonthlyCycle cycle = cycle("2028-01-31T00:00:00Z");

    assertThat(cycle.periodContaining(at("2028-12-31T00:00:00Z")))
        .isEqualTo(period("2028-12-31T00:00:00Z", "2029-01-31T00:00:00Z"));
    assertThat(cycle.periodContaining(at("2029-03-01T00:00:00Z")))
        .isEqualTo(period("2029-02-28T00:00:00Z", "2029-03-31T00:00:00Z"));
  }

  @Test
  void anchorOnALeapDayFallsBackToThe28thAndReturnsToThe29th() {
    MonthlyCycle cycle = cycle("2028-02-29T00:00:00Z");

    assertThat(cycle.periodContaining(at("2029-03-01T00:00:00Z")))
        .isEqualTo(period("2029-02-28T00:00:00Z", "2029-03-29T00:00:00Z"));
  }

  @Test
  void periodsStartAtTheAnchorsTimeOfDay() {
    MonthlyCycle cycle = cycle("2026-01-15T13:45:30Z");

    assertThat(cycle.periodContaining(at("2026-02-15T13:45:29.999999999Z")))
        .isEqualTo(period("2026-01-15T13:45:30Z", "2026-02-15T13:45:30Z"));
    assertThat(cycle.periodContaining(at("2026-02-15T13:45:30Z")))
        .isEqualTo(period("2026-02-15T13:45:30Z", "2026-03-15T13:45:30Z"));
  }

  @Test
  void anInstantExactlyAtAPeriodStartBelongsToTheNewPeriod() {
    MonthlyCycle cycle = cycle("2026-01-01T00:00:00Z");
    BillingPeriod january = period("2026-01-01T00:00:00Z", "2026-02-01T00:00:00Z");
    BillingPeriod february = period("2026-02-01T00:00:00Z", "2026-03-01T00:00:00Z");

    assertThat(cycle.periodContaining(at("2026-01-31T23:59:59.999999999Z"))).isEqualTo(january);
    assertThat(cycle.periodContaining(at("2026-02-01T00:00:00Z"))).isEqualTo(february);
    assertThat(cycle.periodContaining(at("2026-01-01T00:00:00Z"))).isEqualTo(january);
  }

  @Test
  void instantsBeforeTheAnchorFallInEarlierPeriodsCountedFromTheAnchor() {
    MonthlyCycle cycle = cycle("2026-03-31T00:00:00Z");

    assertThat(cycle.periodContaining(at("2026-03-30T23:59:59Z")))
        .isEqualTo(period("2026-02-28T00:00:00Z", "2026-03-31T00:00:00Z"));
    assertThat(cycle.periodContaining(at("2026-01-01T00:00:00Z")))
        .isEqualTo(period("2025-12-31T00:00:00Z", "2026-01-31T00:00:00Z"));
    assertThat(cycle.periodContaining(at("2024-02-29T12:00:00Z")))
        .isEqualTo(period("2024-02-29T00:00:00Z", "2024-03-31T00:00:00Z"));
  }

  @Test
  void listsThePeriodsOverlappingASpanAcrossTheTurnOfTheYear() {
    MonthlyCycle cycle = cycle("2025-06-15T08:00:00Z");

    assertThat(cycle.periodsOverlapping(at("2025-11-20T00:00:00Z"), at("2026-02-15T08:00:00Z")))
        .containsExactly(
            period("2025-11-15T08:00:00Z", "2025-12-15T08:00:00Z"),
            period("2025-12-15T08:00:00Z", "2026-01-15T08:00:00Z"),
            period("2026-01-15T08:00:00Z", "2026-02-15T08:00:00Z"));
    assertThat(cycle.periodsOverlapping(at("2025-11-20T00:00:00Z"), at("2026-02-15T08:00:01Z")))
        .last()
        .isEqualTo(period("2026-02-15T08:00:00Z", "2026-03-15T08:00:00Z"));
  }

  @Test
  void listsTheOnePeriodThatASpanInsideItOverlaps() {
    MonthlyCycle cycle = cycle("2026-01-01T00:00:00Z");

    assertThat(cycle.periodsOverlapping(at("2026-03-05T00:00:00Z"), at("2026-03-06T00:00:00Z")))
        .containsExactly(period("2026-03-01T00:00:00Z", "2026-04-01T00:00:00Z"));
  }

  @Test
  void daylightSavingTimeDoesNotChangeTheLengthOfAPeriod() {
    // New York springs forward on 2026-03-08 and falls back on 2026-11-01; periods are UTC.
    MonthlyCycle cycle = cycle("2026-01-01T05:00:00Z");

    BillingPeriod march = cycle.periodContaining(at("2026-03-08T07:30:00Z"));
    BillingPeriod october = cycle.periodContaining(at("2026-11-01T04:30:00Z"));

    assertThat(march).isEqualTo(period("2026-03-01T05:00:00Z", "2026-04-01T05:00:00Z"));
    assertThat(march.length()).isEqualTo(Duration.ofDays(31));
    assertThat(october).isEqualTo(period("2026-10-01T05:00:00Z", "2026-11-01T05:00:00Z"));
    assertThat(october.length()).isEqualTo(Duration.ofDays(31));
    assertThat(cycle.periodContaining(at("2026-11-10T00:00:00Z")).length())
        .isEqualTo(Duration.ofDays(30));
  }

  @Test
  void everyInstantLiesInAPeriodThatStartsAWholeNumberOfMonthsFromTheAnchor() {
    PropertyCheck.forAll(
        20_280_229,
        1_000,
        Generator.combine(instants(), instants(), AnchorAndInstant::new),
        input -> {
          Instant anchor = input.anchor();
          MonthlyCycle cycle = new MonthlyCycle(anchor);

          BillingPeriod period = cycle.periodContaining(input.instant());

          assertThat(period.contains(input.instant())).isTrue();
          long months =
              ChronoUnit.MONTHS.between(
                  anchor.atOffset(ZoneOffset.UTC).withDayOfMonth(1),
                  period.start().atOffset(ZoneOffset.UTC).withDayOfMonth(1));
          assertThat(period.start())
              .isEqualTo(anchor.atOffset(ZoneOffset.UTC).plusMonths(months).toInstant());
          assertThat(cycle.periodContaining(period.end()).start()).isEqualTo(period.end());
        });
  }

  private record AnchorAndInstant(Instant anchor, Instant instant) {}

  private static Generator<Instant> instants() {
    return Generator.longs(
            at("2000-01-01T00:00:00Z").getEpochSecond(),
            at("2040-01-01T00:00:00Z").getEpochSecond())
        .map(Instant::ofEpochSecond);
  }

  private static MonthlyCycle cycle(String anchor) {
    return new MonthlyCycle(at(anchor));
  }

  private static BillingPeriod period(String start, String end) {
    return new BillingPeriod(at(start), at(end));
  }

  private static Instant at(String instant) {
    return Instant.parse(instant);
  }
}
