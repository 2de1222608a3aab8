package dev.tally.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tally.domain.account.AccountId;
import dev.tally.domain.error.FieldErrors;
import dev.tally.domain.time.BillingPeriod;
import dev.tally.domain.time.MonthlyCycle;
import dev.tally.domain.usage.Aggregation;
import dev.tally.domain.usage.InvoiceCategory;
import dev.tally.domain.usage.Meter;
import dev.tally.domain.usage.MeterId;
import dev.tally.domain.usage.MeteredEvent;
import dev.tally.domain.usage.Metering;
import dev.tally.domain.usage.UsageEvent;
import dev.tally.domain.usage.UsageTotal;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * A period's running totals, kept at ingest, always equal the sum of the period's hourly buckets,
 * whatever the batches, duplicates and aggregations.
 */
class PeriodTotalsTest {
  private static final Instant ANCHOR = Instant.parse("2026-01-15T10:00:00Z");
  private static final List<Meter> METERS =
      List.of(
          meter("sum", Aggregation.SUM, "value", List.of("region")),
          meter("count", Aggregation.COUNT, null, List.of()),
          meter("max", Aggregation.MAX, "value", List.of("region")),
          meter("unique", Aggregation.UNIQUE_COUNT, "user", List.of()));

  @Test
  void periodTotalsEqualTheSumOfThePeriodsHours() {
    MonthlyCycle cycle = new MonthlyCycle(ANCHOR);
    List<BillingPeriod> periods =
        cycle.periodsOverlapping(ANCHOR, ANCHOR.plus(Duration.ofDays(80)));
    Instant now = periods.get(periods.size() - 1).end();
    try (Database database = TestDatabases.fresh();
        PostgresUsageStore store =
            PostgresUsageStore.foldingOnRequest(database, Clock.fixed(now, ZoneOffset.UTC))) {
      database
          .jdbi()
          .useHandle(
              handle ->
                  handle.execute(
                      "insert into account (id, name, currency, billing_anchor, created_at)"
                          + " values ('acct', 'Acct', 'USD', ?, ?)",
                      ANCHOR,
                      ANCHOR));
      Random random = new Random(20261121L);
      int sent = 0;
      for (int batch = 0; batch < 40; batch++) {
        List<MeteredEvent> events = new ArrayList<>();
        int size = 1 + random.nextInt(30);
        for (int i = 0; i < size; i++) {
          // Ids repeat (within and across batches), so some events are duplicates.
          String transaction = "t" + random.nextInt(600);
          Instant at =
              ANCHOR.plusSeconds(random.nextLong(Duration.between(ANCHOR, now).toSeconds()));
          UsageEvent event =
              new UsageEvent(
                  transaction,
                  new AccountId("acct"),
                  "work",
                  at,
                  Map.of(
                      "value", BigDecimal.valueOf(random.nextInt(10_000), random.nextInt(3)),
                      "region", List.of("eu", "us", "ap").get(random.nextInt(3)),
                      "user", "u" + random.nextInt(20)));
          events.add(
              new MeteredEvent(
                  i,
                  event,
                  cycle.periodContaining(at),
                  "USD",
                  Metering.contributions(event, METERS, "[" + i + "]", new FieldErrors())));
        }
        sent += store.record(events).accepted();
        if (batch == 20) {
          // Half the usage folded into the buckets and period totals, the rest still pending.
          store.fold();
        }
      }
      assertThat(sent).as("events stored").isGreaterThan(300);

      for (BillingPeriod period : periods) {
        List<UsageTotal> fromHours =
            sorted(store.totals(new AccountId("acct"), METERS, period.start(), period.end()));
        assertThat(fromHours).as("usage in %s", period).isNotEmpty();
        assertThat(sorted(store.periodTotals(new AccountId("acct"), METERS, period)))
            .as("period totals of %s", period)
            .isEqualTo(fromHours);
      }
      List<List<UsageTotal>> beforeFold = new ArrayList<>();
      for (BillingPeriod period : periods) {
        beforeFold.add(sorted(store.periodTotals(new AccountId("acct"), METERS, period)));
      }
      store.fold();
      for (int i = 0; i < periods.size(); i++) {
        BillingPeriod period = periods.get(i);
        assertThat(sorted(store.periodTotals(new AccountId("acct"), METERS, period)))
            .as("period totals of %s once all is folded", period)
            .isEqualTo(beforeFold.get(i))
            .isEqualTo(
                sorted(store.totals(new AccountId("acct"), METERS, period.start(), period.end())));
      }
    }
  }

  /** Totals in (meter, dimensions) order, quantities without trailing zeros. */
  static List<UsageTotal> sorted(List<UsageTotal> totals) {
    return totals.stream()
        .map(
            total ->
                new UsageTotal(
                    total.meterId(), total.dimensions(), total.quantity().stripTrailingZeros()))
        .sorted(
            Comparator.comparing((UsageTotal total) -> total.meterId().value())
                .thenComparing(total -> total.dimensions().toString()))
        .toList();
  }

  /** A meter of events of type {@code work}. */
  static Meter meter(
      String id, Aggregation aggregation, String valueProperty, List<String> dimensions) {
    return new Meter(
        new MeterId(id),
        id,
        "work",
        Map.of(),
        aggregation,
        valueProperty,
        dimensions,
        InvoiceCategory.USAGE,
        "unit");
  }
}
