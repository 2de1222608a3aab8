package dev.tally.postgres;

import static dev.tally.postgres.PeriodTotalsTest.meter;
import static dev.tally.postgres.PeriodTotalsTest.sorted;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tally.domain.account.Account;
import dev.tally.domain.account.AccountId;
import dev.tally.domain.error.FieldErrors;
import dev.tally.domain.invoice.DraftVersion;
import dev.tally.domain.time.BillingPeriod;
import dev.tally.domain.usage.Aggregation;
import dev.tally.domain.usage.Meter;
import dev.tally.domain.usage.MeteredEvent;
import dev.tally.domain.usage.Metering;
import dev.tally.domain.usage.UsageEvent;
import dev.tally.domain.usage.UsageTotal;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * Accepted usage is first written as pending rows and folded into the hourly buckets and period
 * totals later (docs/performance.md): every read must count each event exactly once whether it is
 * pending, folded, or being folded while the read runs.
 */
class PendingUsageTest {
  private static final Instant NOW = Instant.parse("2026-03-10T12:00:00Z");
  private static final BillingPeriod MARCH =
      new BillingPeriod(
          Instant.parse("2026-03-01T00:00:00Z"), Instant.parse("2026-04-01T00:00:00Z"));
  private static final AccountId ACME = new AccountId("acme");
  private static final List<Meter> METERS =
      List.of(
          meter("cpu", Aggregation.SUM, "cpu", List.of("zone")),
          meter("calls", Aggregation.COUNT, null, List.of()),
          meter("peak", Aggregation.MAX, "cpu", List.of()));

  @Test
  void eachEventCountsOnceWhetherPendingFoldedOrBeingFolded() throws Exception {
    try (Database database = TestDatabases.fresh();
        PostgresUsageStore store =
            PostgresUsageStore.foldingOnRequest(database, Clock.fixed(NOW, ZoneOffset.UTC))) {
      createAcme(database);
      PostgresInvoiceStore invoices = new PostgresInvoiceStore(database);
      // Zone values with a tab, a newline and a backslash: the pending text must keep them apart.
      List<String> zones = List.of("eu-1", "us\t2", "ap\n3", "c:\\4");
      BigDecimal sum = BigDecimal.ZERO;
      int events = 0;
      for (int batch = 0; batch < 30; batch++) {
        List<MeteredEvent> metered = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
          int n = batch * 20 + i;
          BigDecimal cpu = BigDecimal.valueOf(n % 7 + 1, 2);
          metered.add(
              event("t-" + n, NOW.minusSeconds(3600L * (n % 5) + 1), zones.get(n % 4), cpu));
          sum = sum.add(cpu);
          events++;
        }
        assertThat(store.record(metered).accepted()).isEqualTo(20);
        if (batch == 10) {
          assertThat(store.fold()).as("rows folded").isGreaterThan(0);
        }
      }
      List<UsageTotal> pendingAndFolded = sorted(store.periodTotals(ACME, METERS, MARCH));
      List<UsageTotal> hoursBefore = sorted(store.totals(ACME, METERS, MARCH.start(), MARCH.end()));
      DraftVersion versionBefore = invoices.draftVersion(ACME);
      assertThat(quantity(pendingAndFolded, "cpu")).isEqualByComparingTo(sum);
      assertThat(quantity(pendingAndFolded, "calls"))
          .isEqualByComparingTo(BigDecimal.valueOf(events));
      assertThat(quantity(pendingAndFolded, "peak")).isEqualByComparingTo("0.07");
      assertThat(pendingAndFolded.stream().filter(t -> t.meterId().value().equals("cpu")))
          .extracting(t -> t.dimensions().get("zone"))
          .containsExactlyInAnyOrderElementsOf(zones);
      assertThat(hoursBefore).isEqualTo(pendingAndFolded);

      // Reads while another thread folds what is pending: never a missed or doubled event.
      for (int batch = 30; batch < 40; batch++) {
        List<MeteredEvent> metered = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
          int n = batch * 20 + i;
          metered.add(event("t-" + n, NOW.minusSeconds(1), "eu-1", BigDecimal.ONE));
          sum = sum.add(BigDecimal.ONE);
          events++;
        }
        store.record(metered);
      }
      AtomicBoolean reading = new AtomicBoolean(true);
      AtomicInteger folds = new AtomicInteger();
      Thread folder =
          Thread.ofPlatform()
              .start(
                  () -> {
                    while (reading.get()) {
                      folds.addAndGet(store.fold());
                    }
                  });
      List<BigDecimal> seen = new ArrayList<>();
      for (int read = 0; read < 30; read++) {
        seen.add(quantity(store.periodTotals(ACME, METERS, MARCH), "cpu"));
        seen.add(quantity(store.totals(ACME, METERS, MARCH.start(), NOW), "cpu"));
      }
      reading.set(false);
      folder.join();
      BigDecimal expected = sum;
      assertThat(seen).allSatisfy(value -> assertThat(value).isEqualByComparingTo(expected));

      store.fold();
      assertThat(count(database, "usage_pending")).isZero();
      List<UsageTotal> folded = sorted(store.periodTotals(ACME, METERS, MARCH));
      assertThat(quantity(folded, "cpu")).isEqualByComparingTo(sum);
      assertThat(quantity(folded, "calls")).isEqualByComparingTo(BigDecimal.valueOf(events));
      assertThat(sorted(store.totals(ACME, METERS, MARCH.start(), MARCH.end()))).isEqualTo(folded);
      // The buckets and period rows hold what the pending rows held.
      BigDecimal bucketSum =
          one(
              database,
              "select sum(total) from usage_bucket where meter_id = 'cpu'",
              BigDecimal.class);
      assertThat(bucketSum).isEqualByComparingTo(sum);
      String zone =
          one(
              database,
              "select dims->>'zone' from usage_bucket where meter_id = 'cpu'"
                  + " and dim_key like 'zone=us%' limit 1",
              String.class);
      assertThat(zone).isEqualTo("us\t2");
      // Pending usage and each fold change the draft version; once all is folded, the usage
      // part counts every event of every meter (800 events, 3 meters).
      DraftVersion versionFolded = invoices.draftVersion(ACME);
      assertThat(versionFolded).isNotEqualTo(versionBefore);
      assertThat(versionFolded.usage()).startsWith(events * 3 + "/");
      store.record(List.of(event("t-late", NOW.minusSeconds(1), "eu-1", BigDecimal.ONE)));
      assertThat(invoices.draftVersion(ACME)).isNotEqualTo(versionFolded);
    }
  }

  /** Writers pick an account's shard in Java, reads and the draft version in SQL. */
  @Test
  void javaAndPostgresAgreeOnEveryAccountsShard() {
    try (Database database = TestDatabases.fresh()) {
      List<String> accounts = new ArrayList<>(List.of("", "acme", "ünïcødé-客户", "a\tb"));
      for (int i = 0; i < 500; i++) {
        accounts.add("account-" + i);
      }
      List<Integer> inPostgres =
          database
              .jdbi()
              .withHandle(
                  handle ->
                      handle
                          .createQuery(
                              "select "
                                  + PendingUsage.shardSql("a")
                                  + " from unnest(cast(:accounts as text[])) with ordinality"
                                  + " as x(a, i) order by i")
                          .bindArray("accounts", String.class, accounts)
                          .mapTo(Integer.class)
                          .list());
      assertThat(inPostgres).isEqualTo(accounts.stream().map(PendingUsage::shard).toList());
      // A row with an account's block is found by the account's id, whatever characters it has.
      for (String account : List.of("acme", "a\\b", "a\tb", "a\nb", "50%")) {
        StringBuilder text = new StringBuilder();
        PendingUsage.appendBlock(text, "other", MARCH);
        PendingUsage.appendBlock(text, account, MARCH);
        boolean found =
            one(
                database,
                "select "
                    + PendingUsage.mentionsSql("cast(? as text)")
                    + " from (select cast(? as text) as contributions) p",
                Boolean.class,
                account,
                text.toString());
        assertThat(found).as("row found for %s", account).isTrue();
      }
      assertThat(new java.util.HashSet<>(inPostgres)).hasSize(PendingUsage.SHARDS);
    }
  }

  /**
   * Two nodes on one database: a node folds the rows it wrote from the sums it kept, another's rows
   * from their text; a row is folded once whichever node takes it.
   */
  @Test
  void anotherNodeFoldsRowsItDidNotWriteAndNoRowIsFoldedTwice() {
    try (Database database = TestDatabases.fresh();
        PostgresUsageStore first =
            PostgresUsageStore.foldingOnRequest(database, Clock.fixed(NOW, ZoneOffset.UTC));
        PostgresUsageStore second =
            PostgresUsageStore.foldingOnRequest(database, Clock.fixed(NOW, ZoneOffset.UTC))) {
      createAcme(database);
      first.record(List.of(event("t-1", NOW.minusSeconds(5), "us\t2", new BigDecimal("1.5"))));
      first.record(List.of(event("t-2", NOW.minusSeconds(4000), "eu-1", new BigDecimal("2.25"))));

      assertThat(second.fold()).as("rows the second node folds").isEqualTo(2);
      assertThat(first.fold()).as("the first node's rows, already folded").isZero();
      second.record(List.of(event("t-3", NOW.minusSeconds(5), "eu-1", new BigDecimal("4"))));
      assertThat(second.fold()).isEqualTo(1);

      List<UsageTotal> totals = first.periodTotals(ACME, METERS, MARCH);
      assertThat(quantity(totals, "cpu")).isEqualByComparingTo("7.75");
      assertThat(quantity(totals, "calls")).isEqualByComparingTo("3");
      assertThat(quantity(totals, "peak")).isEqualByComparingTo("4");
      assertThat(sorted(first.totals(ACME, METERS, MARCH.start(), MARCH.end())))
          .isEqualTo(sorted(totals));
      assertThat(count(database, "usage_pending")).isZero();
      assertThat(
              one(
                  database,
                  "select sum(event_count) from usage_bucket where meter_id = 'calls'",
                  Long.class))
          .isEqualTo(3);
    }
  }

  @Test
  void closingFoldsWhatIsPending() {
    try (Database database = TestDatabases.fresh()) {
      createAcme(database);
      PostgresUsageStore store =
          PostgresUsageStore.foldingOnRequest(database, Clock.fixed(NOW, ZoneOffset.UTC));
      store.record(List.of(event("t-1", NOW.minusSeconds(5), "eu-1", BigDecimal.TEN)));
      assertThat(count(database, "usage_pending")).isEqualTo(1);

      store.close();

      assertThat(count(database, "usage_pending")).isZero();
      assertThat(count(database, "usage_bucket")).isEqualTo(3);
      assertThat(count(database, "usage_period")).isEqualTo(3);
    }
  }

  private static long count(Database database, String table) {
    return one(database, "select count(*) from " + table, Long.class);
  }

  /** The one value {@code sql} reads, its {@code ?} parameters bound to {@code arguments}. */
  private static <T> T one(Database database, String sql, Class<T> type, Object... arguments) {
    return database
        .jdbi()
        .withHandle(
            handle -> {
              var query = handle.createQuery(sql);
              for (int i = 0; i < arguments.length; i++) {
                query.bind(i, arguments[i]);
              }
              return query.mapTo(type).one();
            });
  }

  private static BigDecimal quantity(List<UsageTotal> totals, String meter) {
    List<BigDecimal> quantities =
        totals.stream()
            .filter(total -> total.meterId().value().equals(meter))
            .map(UsageTotal::quantity)
            .toList();
    return meter.equals("peak")
        ? quantities.stream().reduce(BigDecimal.ZERO, BigDecimal::max)
        : quantities.stream().reduce(BigDecimal.ZERO, BigDecimal::add);
  }

  private static MeteredEvent event(String id, Instant at, String zone, BigDecimal cpu) {
    UsageEvent event = new UsageEvent(id, ACME, "work", at, Map.of("cpu", cpu, "zone", zone));
    return new MeteredEvent(
        0, event, MARCH, "USD", Metering.contributions(event, METERS, "[0]", new FieldErrors()));
  }

  private static void createAcme(Database database) {
    new PostgresAccountStore(database)
        .create(
            new Account(
                ACME, "Acme", "USD", MARCH.start(), BigDecimal.ZERO, 30, null, MARCH.start()));
  }
}
