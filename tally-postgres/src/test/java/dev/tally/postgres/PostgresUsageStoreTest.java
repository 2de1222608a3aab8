package dev.tally.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tally.domain.account.Account;
import dev.tally.domain.account.AccountId;
import dev.tally.domain.time.BillingPeriod;
import dev.tally.domain.usage.IngestResult;
import dev.tally.domain.usage.MeteredEvent;
import dev.tally.domain.usage.UsageEvent;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.Test;

class PostgresUsageStoreTest {
  private static final Instant NOW = Instant.parse("2026-03-10T00:00:00Z");
  private static final BillingPeriod MARCH =
      new BillingPeriod(
          Instant.parse("2026-03-01T00:00:00Z"), Instant.parse("2026-04-01T00:00:00Z"));

  /**
   * The store remembers which periods have an invoice so as not to try their drafts again; should
   * an invoice row ever be deleted, the next batch must find its draft made again, not be refused.
   */
  @Test
  void aRememberedPeriodWhoseInvoiceIsGoneGetsItsDraftAgain() {
    withStore(
        (database, store) -> {
          assertThat(store.record(List.of(event("t-1")))).isEqualTo(new IngestResult(1, 0));
          database.jdbi().useHandle(handle -> handle.execute("delete from invoice"));

          assertThat(store.record(List.of(event("t-2")))).isEqualTo(new IngestResult(1, 0));
          List<String> statuses =
              texts(database, "select status from invoice where account_id = 'acme'");
          assertThat(statuses).containsExactly("DRAFT");
        });
  }

  /**
   * A raw event's properties are kept as the JSON Tally wrote (json, V10), not converted into
   * PostgreSQL's binary form (jsonb reorders keys and respaces them), which cost every ingested
   * event a parse.
   */
  @Test
  void rawEventsKeepTheirPropertiesAsWritten() {
    withStore(
        (database, store) -> {
          Map<String, Object> properties = new LinkedHashMap<>();
          properties.put("zone", "eu-1");
          properties.put("cpu", new BigDecimal("0.25"));

          store.record(List.of(event("t-1", properties)));

          String stored = one(database, "select properties::text from usage_event");
          assertThat(stored).isEqualTo("{\"zone\":\"eu-1\",\"cpu\":0.25}");
        });
  }

  /**
   * Two nodes on one database: an event stored by one is a duplicate for the other too, and the
   * other events of its batch are stored once.
   */
  @Test
  void anEventStoredByAnotherNodeIsStillADuplicate() {
    try (Database database = TestDatabases.fresh();
        PostgresUsageStore first =
            new PostgresUsageStore(database, Clock.fixed(NOW, ZoneOffset.UTC));
        PostgresUsageStore second =
            new PostgresUsageStore(database, Clock.fixed(NOW, ZoneOffset.UTC))) {
      createAcme(database);
      assertThat(first.record(List.of(event("t-1")))).isEqualTo(new IngestResult(1, 0));

      assertThat(second.record(List.of(event("t-1"), event("t-2"), event("t-3"))))
          .isEqualTo(new IngestResult(2, 1));
      assertThat(first.record(List.of(event("t-2"), event("t-4"))))
          .as("a repeat of the other node's event, beside a new one")
          .isEqualTo(new IngestResult(1, 1));
      assertThat(second.record(List.of(event("t-4"), event("t-4"), event("t-3"))))
          .isEqualTo(new IngestResult(0, 3));

      List<String> stored = texts(database, "select transaction_id from usage_event order by 1");
      assertThat(stored).containsExactly("t-1", "t-2", "t-3", "t-4");
    }
  }

  /** Transaction ids and properties with tabs, newlines and backslashes are stored as they came. */
  @Test
  void eventsKeepTabsNewlinesAndBackslashes() {
    withStore(
        (database, store) -> {
          String transactionId = "t\\1\t\n\r\\N é";
          Map<String, Object> properties = new LinkedHashMap<>();
          properties.put("note", "a\tb\nc\\d\"e");

          assertThat(store.record(List.of(event(transactionId, properties))))
              .isEqualTo(new IngestResult(1, 0));
          assertThat(store.record(List.of(event(transactionId, properties))))
              .isEqualTo(new IngestResult(0, 1));

          Map<String, Object> stored =
              database
                  .jdbi()
                  .withHandle(
                      handle ->
                          handle
                              .createQuery(
                                  "select transaction_id, properties::text from usage_event")
                              .mapToMap()
                              .one());
          assertThat(stored.get("transaction_id")).isEqualTo(transactionId);
          assertThat(stored.get("properties")).isEqualTo(Json.write(properties));
        });
  }

  /**
   * V12 keys the events stored before it with the same 128-bit key ingest computes now: after the
   * migration, each of them is still a duplicate (tabs, accents and characters beyond the BMP
   * included), a new event is stored, and every row's key is the one its ids give in SQL.
   */
  @Test
  void eventsStoredBeforeTheEventKeyMigrationStayDuplicates() {
    String url = TestDatabases.freshUrlMigratedTo("11");
    List<String> old = List.of("t-1", "t\\2\t\n é", "t-3 \uD83D\uDE00");
    Jdbi.create(url)
        .useHandle(
            handle -> {
              for (String transactionId : old) {
                handle
                    .createUpdate(
                        "insert into usage_event (account_id, transaction_id, event_type, ts,"
                            + " properties, received_at) values ('acme', :t, 'requests', now(),"
                            + " '{}', now())")
                    .bind("t", transactionId)
                    .execute();
              }
            });

    try (Database database = Database.open(url, null, null, 2);
        PostgresUsageStore store =
            new PostgresUsageStore(database, Clock.fixed(NOW, ZoneOffset.UTC))) {
      createAcme(database);
      assertThat(store.record(old.stream().map(PostgresUsageStoreTest::event).toList()))
          .isEqualTo(new IngestResult(0, 3));
      assertThat(store.record(List.of(event("t-1"), event("t-4 é"))))
          .isEqualTo(new IngestResult(1, 1));

      String rows =
          one(
              database,
              "select count(*) from usage_event where event_key = cast(encode("
                  + "substr(sha256(convert_to(account_id, 'UTF8') || '\\x00'"
                  + "::bytea || convert_to(transaction_id, 'UTF8')), 1, 16),"
                  + " 'hex') as uuid)");
      assertThat(rows).isEqualTo("4");
      assertThat(PostgresUsageStore.eventKey("acme", "t-4 é"))
          .isNotEqualTo(PostgresUsageStore.eventKey("acm", "et-4 é"));
    }
  }

  /**
   * A raw event's timestamp, sent as microseconds since the epoch, is stored to the nearest
   * microsecond, as PostgreSQL reads a timestamp's text; before 1970 too.
   */
  @Test
  void timestampsAreStoredToTheNearestMicrosecond() {
    withStore(
        (database, store) -> {
          Instant at = Instant.parse("2026-03-09T23:58:59.123456789Z");
          store.record(
              List.of(
                  new MeteredEvent(
                      0,
                      new UsageEvent("t-1", new AccountId("acme"), "requests", at, Map.of()),
                      MARCH,
                      "USD",
                      List.of())));

          String stored =
              one(
                  database,
                  "select to_char(ts at time zone 'UTC',"
                      + " 'YYYY-MM-DD\"T\"HH24:MI:SS.US') from usage_event");
          assertThat(stored).isEqualTo("2026-03-09T23:58:59.123457");
          assertThat(PostgresUsageStore.micros(Instant.parse("1969-12-31T23:59:59.999999Z")))
              .isEqualTo(-1);
        });
  }

  /** Runs {@code test} with a fresh database holding Acme, and a store on it. */
  private static void withStore(BiConsumer<Database, PostgresUsageStore> test) {
    try (Database database = TestDatabases.fresh();
        PostgresUsageStore store =
            new PostgresUsageStore(database, Clock.fixed(NOW, ZoneOffset.UTC))) {
      createAcme(database);
      test.accept(database, store);
    }
  }

  /** The only value {@code sql} selects, as text. */
  private static String one(Database database, String sql) {
    return database.jdbi().withHandle(handle -> handle.createQuery(sql).mapTo(String.class).one());
  }

  /** The values of the column {@code sql} selects, as text. */
  private static List<String> texts(Database database, String sql) {
    return database.jdbi().withHandle(handle -> handle.createQuery(sql).mapTo(String.class).list());
  }

  private static void createAcme(Database database) {
    new PostgresAccountStore(database)
        .create(
            new Account(
                new AccountId("acme"),
                "Acme",
                "USD",
                MARCH.start(),
                BigDecimal.ZERO,
                30,
                null,
                MARCH.start()));
  }

  private static MeteredEvent event(String transactionId) {
    return event(transactionId, Map.of());
  }

  private static MeteredEvent event(String transactionId, Map<String, Object> properties) {
    return new MeteredEvent(
        0,
        new UsageEvent(
            transactionId, new AccountId("acme"), "requests", NOW.minusSeconds(60), properties),
        MARCH,
        "USD",
        List.of());
  }
}
