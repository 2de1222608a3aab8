package dev.tally.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tally.domain.account.AccountId;
import dev.tally.domain.invoice.AppliedCredit;
import dev.tally.domain.invoice.AppliedDiscount;
import dev.tally.domain.invoice.InvoiceContent;
import dev.tally.domain.invoice.InvoiceTotals;
import dev.tally.domain.invoice.ListedInvoice;
import dev.tally.domain.money.Money;
import dev.tally.domain.usage.MeterId;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.Test;

/**
 * V6 backfills the totals of invoices finalized before it exactly from their frozen content: with
 * discounts and credits, without them (charges frozen before they existed), void ones too; drafts
 * keep none.
 */
class InvoiceTotalsMigrationTest {
  private static final String BEFORE_DISCOUNTS_AND_CREDITS =
      """
      {"lines":[],"breakdown":{"paas":{"cpu":{"minor":0},"memory":{"minor":0},
        "storage":{"minor":0},"gpu":{"minor":0}},"teams":[],"byoc":{"vcpu":{"minor":0},
        "memory":{"minor":0},"gpuMemory":{"minor":0},"cluster":{"minor":0}},"clusters":[]},
       "subtotal":{"minor":1000},"taxPercent":10,"tax":{"minor":100},"total":{"minor":1100}}
      """;

  @Test
  void backfillsTheTotalsOfFinalAndVoidInvoicesFromTheirContent() {
    String url = TestDatabases.freshUrlMigratedTo("4");
    InvoiceContent old = Json.read(BEFORE_DISCOUNTS_AND_CREDITS, InvoiceContent.class);
    InvoiceContent adjusted =
        new InvoiceContent(
            old.lines(),
            old.breakdown(),
            Money.ofMinor(12_345),
            new BigDecimal("7.5"),
            Money.ofMinor(721),
            Money.ofMinor(10_336),
            List.of(
                new AppliedDiscount("d1", "10% off", new MeterId("requests"), Money.ofMinor(1234)),
                new AppliedDiscount("d2", "Flat", null, Money.ofMinor(1))),
            List.of(
                new AppliedCredit("g1", "Welcome", Money.ofMinor(1000)),
                new AppliedCredit("g2", "Spring", Money.ofMinor(495))));
    Jdbi jdbi = Jdbi.create(url);
    jdbi.useHandle(
        handle -> {
          TestDatabases.insertAcme(handle);
          insert(handle, "old", "2026-01-01", "FINALIZED", BEFORE_DISCOUNTS_AND_CREDITS);
          insert(handle, "adjusted", "2026-02-01", "VOID", Json.write(adjusted));
          insert(handle, "again", "2026-02-01", "FINALIZED", Json.write(adjusted));
          insert(handle, "draft", "2026-03-01", "DRAFT", null);
        });

    try (Database database = Database.open(url, null, null, 2)) {
      Map<String, InvoiceTotals> totals =
          new PostgresInvoiceStore(database)
              .listWithTotals(new AccountId("acme")).stream()
                  .filter(listed -> listed.frozenTotals() != null)
                  .collect(
                      Collectors.toMap(
                          listed -> listed.header().id().value(), ListedInvoice::frozenTotals));

      assertThat(totals)
          .containsOnlyKeys("old", "adjusted", "again")
          .containsEntry("old", InvoiceTotals.of(old))
          .containsEntry("adjusted", InvoiceTotals.of(adjusted))
          .containsEntry("again", InvoiceTotals.of(adjusted));
      assertThat(totals.get("adjusted").discounts()).isEqualTo(Money.ofMinor(1235));
      assertThat(totals.get("adjusted").credits()).isEqualTo(Money.ofMinor(1495));
      assertThat(totals.get("old").discounts()).isEqualTo(Money.ZERO);
    }
  }

  private static void insert(
      org.jdbi.v3.core.Handle handle, String id, String month, String status, String content) {
    handle
        .createUpdate(
            "insert into invoice (id, account_id, period_start, period_end, status, currency,"
                + " created_at, content) values (:id, 'acme', cast(:start as timestamptz),"
                + " cast(:start as timestamptz) + interval '1 month', :status, 'USD', now(),"
                + " cast(:content as jsonb))")
        .bind("id", id)
        .bind("start", month + "T00:00:00Z")
        .bind("status", status)
        .bind("content", content)
        .execute();
  }
}
