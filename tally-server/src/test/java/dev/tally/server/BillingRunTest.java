package dev.tally.server;

import static dev.tally.server.TallyTestServer.MARCH;
import static dev.tally.server.TallyTestServer.event;
import static dev.tally.server.TallyTestServer.line;
import static dev.tally.server.TallyTestServer.requests;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tally.domain.account.Account;
import dev.tally.domain.account.AccountId;
import dev.tally.domain.billing.BillingRun;
import dev.tally.domain.invoice.InvoiceHeader;
import dev.tally.domain.invoice.InvoiceId;
import dev.tally.domain.invoice.InvoiceStatus;
import dev.tally.domain.pricing.PlanId;
import dev.tally.domain.pricing.Subscription;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Billing runs in Kill Bill's style: move the clock past a period's end, run billing, and expect
 * exactly the ended drafts to be finalized and frozen. A run finalizes every ended draft of every
 * account, so each test has a server of its own.
 */
class BillingRunTest {
  private static final Instant APRIL = Instant.parse("2026-04-01T00:00:00Z");

  private TallyTestServer server;

  @BeforeEach
  void start() {
    server = TallyTestServer.start();
  }

  @AfterEach
  void stop() {
    server.close();
  }

  @Test
  void finalizesExactlyTheDraftsWhosePeriodHasEnded() {
    String midMonth = server.customer("mid-month", "2026-02-15T00:00:00Z");
    String monthly = server.customer("monthly", MARCH);
    server.record(
        List.of(
            requests(midMonth, "m-1", 1000, "2026-03-01T00:00:00Z"),
            requests(monthly, "c-1", 500, "2026-03-05T00:00:00Z")));

    assertThat(server.runBilling()).as("no period has ended on March 10").isZero();

    server.clock().set(Instant.parse("2026-03-15T00:00:00Z"));
    assertThat(server.runBilling()).as("Feb 15 - Mar 15 ended just now").isEqualTo(1);
    assertThat(server.runBilling()).as("a second run has nothing left").isZero();
    JsonNode february = server.invoiceAt(midMonth, Instant.parse("2026-03-14T23:59:59Z"));
    assertThat(february.path("status").asText()).isEqualTo("FINALIZED");
    assertThat(february.path("issued_at").asText()).isEqualTo("2026-03-15T00:00:00Z");
    assertThat(february.path("due_at").asText())
        .as("30 days' terms")
        .isEqualTo("2026-04-14T00:00:00Z");
    assertThat(february.path("total").asLong())
        .as("fee 1000 + 1000 requests at 0.1")
        .isEqualTo(1100);
    assertThat(server.currentInvoice(midMonth).path("status").asText()).isEqualTo("DRAFT");
    assertThat(server.currentInvoice(monthly).path("status").asText()).isEqualTo("DRAFT");

    server.clock().set(APRIL);
    assertThat(server.runBilling()).as("March of the monthly account").isEqualTo(1);
    assertThat(
            server.invoiceAt(monthly, Instant.parse("2026-03-31T00:00:00Z")).path("total").asLong())
        .isEqualTo(1050);

    server.clock().set(Instant.parse("2026-05-01T00:00:00Z"));
    assertThat(server.runBilling())
        .as("Mar 15 - Apr 15 of the one, April of the other")
        .isEqualTo(2);
    assertThat(server.invoiceFields(midMonth, "status"))
        .containsExactly("DRAFT", "FINALIZED", "FINALIZED");
    assertThat(server.invoiceFields(monthly, "status"))
        .containsExactly("DRAFT", "FINALIZED", "FINALIZED");
  }

  @Test
  void periodsAnchoredOnTheThirtyFirstFollowTheEndsOfShortMonths() {
    String account = server.customer("month-end", "2026-01-31T00:00:00Z");

    assertThat(server.runBilling()).as("Jan 31 - Feb 28 has ended by March 10").isEqualTo(1);

    JsonNode invoices = server.operator().get("/admin/v1/accounts/" + account + "/invoices").json();
    assertThat(invoices.path("data").findValuesAsText("status"))
        .containsExactly("DRAFT", "FINALIZED");
    JsonNode march = invoices.path("data").get(0).path("period");
    JsonNode february = invoices.path("data").get(1).path("period");
    assertThat(february.path("start").asText()).isEqualTo("2026-01-31T00:00:00Z");
    assertThat(february.path("end").asText()).isEqualTo("2026-02-28T00:00:00Z");
    assertThat(march.path("start").asText()).isEqualTo("2026-02-28T00:00:00Z");
    assertThat(march.path("end").asText()).isEqualTo("2026-03-31T00:00:00Z");
  }

  @Test
  void aFinalizedInvoiceKeepsItsChargesWhenUsageAndTaxChangeLater() {
    String account = server.customer("frozen", MARCH, 10);
    String web = server.webService(account);
    server.record(
        List.of(
            requests(account, "r-1", 1234, "2026-03-03T08:00:00Z"),
            event(
                "c-1",
                account,
                "compute",
                Instant.parse("2026-03-09T00:00:00Z"),
                Map.of("resource_id", web, "vcpu_hours", 10, "gb_hours", 33))));
    JsonNode draft = server.currentInvoice(account);
    assertThat(draft.path("subtotal").asLong()).as("1000 + 123 + 25 + 12").isEqualTo(1160);
    assertThat(draft.path("total").asLong()).as("plus 10% tax").isEqualTo(1276);

    server.clock().set(APRIL.plusSeconds(3600));
    assertThat(server.runBilling()).isEqualTo(1);
    JsonNode finalized = server.invoice(draft.path("id").asText());

    assertThat(finalized.path("status").asText()).isEqualTo("FINALIZED");
    for (String charge : List.of("lines", "breakdown", "subtotal", "tax", "total", "period")) {
      assertThat(finalized.path(charge)).as(charge).isEqualTo(draft.path(charge));
    }

    server.operator().patch("/admin/v1/accounts/" + account, Map.of("tax_percent", 20)).expect(200);
    server.record(List.of(requests(account, "r-2", 5000, "2026-04-01T00:30:00Z")));

    assertThat(server.invoice(draft.path("id").asText())).isEqualTo(finalized);
    JsonNode april = server.currentInvoice(account);
    assertThat(april.path("status").asText()).isEqualTo("DRAFT");
    assertThat(line(april, Catalog.REQUESTS).path("total").asLong()).isEqualTo(500);
    assertThat(april.path("tax").path("amount").asLong()).as("20% of 1500").isEqualTo(300);
  }

  @Test
  void anEventForAFinalizedPeriodIsRefusedAndNothingOfItsBatchIsStored() {
    String account = server.customer("late", MARCH);
    server.clock().set(APRIL.plusSeconds(7200));
    assertThat(server.runBilling()).isEqualTo(1);
    long march =
        server.invoiceAt(account, Instant.parse("2026-03-15T00:00:00Z")).path("total").asLong();
    long april = server.currentInvoice(account).path("total").asLong();
    List<Map<String, Object>> batch =
        List.of(
            requests(account, "in-april", 100, "2026-04-01T01:00:00Z"),
            requests(account, "in-march", 100, "2026-03-31T23:00:00Z"));

    Reply refused = server.ingest(batch).expect(400);

    assertThat(refused.fields()).containsExactly("[1].timestamp");
    assertThat(refused.json().path("errors").get(0).path("message").asText()).contains("FINALIZED");
    assertThat(
            server.invoiceAt(account, Instant.parse("2026-03-15T00:00:00Z")).path("total").asLong())
        .isEqualTo(march);
    assertThat(server.currentInvoice(account).path("total").asLong()).isEqualTo(april);
    assertThat(server.ingest(batch.subList(0, 1)).expect(200).json().path("accepted").asInt())
        .as("the April event was not stored with the refused batch")
        .isEqualTo(1);
  }

  @Test
  void aSubscriptionStartingMidPeriodPaysItsShareOfTheFeeBySecond() {
    String account = server.account("late-start", MARCH, 0);
    server
        .operator()
        .post(
            "/admin/v1/accounts/" + account + "/subscriptions",
            Map.of("plan_id", Catalog.PLAN, "starts_at", "2026-03-11T00:00:00Z"))
        .expect(201);

    JsonNode fee = server.currentInvoice(account).path("lines").get(0);

    assertThat(fee.path("kind").asText()).isEqualTo("subscription");
    assertThat(fee.path("base").asLong()).isEqualTo(1000);
    assertThat(fee.path("total").asLong()).as("21 of 31 days: 677.42").isEqualTo(677);
    assertThat(fee.path("proration").asLong()).isEqualTo(-323);
    server.clock().set(APRIL);
    server.runBilling();
    assertThat(
            server.invoiceAt(account, Instant.parse("2026-03-20T00:00:00Z")).path("total").asLong())
        .isEqualTo(677);
  }

  @Test
  void billingRunsAtTheSameTimeFinalizeEachInvoiceOnce() {
    List<String> accounts = new ArrayList<>();
    for (int i = 0; i < 12; i++) {
      accounts.add(server.customer("concurrent-" + i, MARCH));
      server.record(List.of(requests(accounts.getLast(), "r", 10 * i, "2026-03-05T00:00:00Z")));
    }
    server.clock().set(APRIL);

    List<Integer> finalized = Concurrently.run(4, thread -> server.runBilling());

    assertThat(finalized.stream().mapToInt(Integer::intValue).sum()).isEqualTo(12);
    for (String account : accounts) {
      assertThat(server.invoiceFields(account, "status")).containsExactly("DRAFT", "FINALIZED");
    }
    assertThat(server.runBilling()).isZero();
  }

  @Test
  void twoBillingRunsAtOnceOverAThousandAccountsFinalizeEachInvoiceOnceWithOneNumber() {
    Services services = server.services();
    Instant march = Instant.parse(MARCH);
    for (int i = 0; i < 1000; i++) {
      AccountId id = new AccountId("bulk-" + i);
      services
          .accounts()
          .create(new Account(id, "Bulk " + i, "USD", march, BigDecimal.ZERO, 30, null, march));
      services
          .catalog()
          .createSubscription(
              new Subscription("sub-" + i, id, new PlanId(Catalog.PLAN), march, null));
    }
    server.clock().set(APRIL);

    List<Integer> finalized =
        Concurrently.run(2, thread -> services.billingRun().run().finalized());

    assertThat(finalized.stream().mapToInt(Integer::intValue).sum()).isEqualTo(1000);
    List<InvoiceHeader> march2026 = new ArrayList<>();
    for (int i = 0; i < 1000; i++) {
      List<InvoiceHeader> headers = services.invoiceStore().list(new AccountId("bulk-" + i));
      assertThat(headers)
          .extracting(InvoiceHeader::status)
          .containsExactly(InvoiceStatus.DRAFT, InvoiceStatus.FINALIZED);
      march2026.add(headers.get(1));
    }
    assertThat(march2026)
        .extracting(InvoiceHeader::number)
        .allMatch(number -> number.endsWith("-000001"))
        .doesNotHaveDuplicates();
    assertThat(services.billingRun().run().finalized()).as("a repeated run").isZero();
  }

  @Test
  void anInvoiceThatCannotBeDrawnStaysADraftIsReportedAndHoldsUpNoOther() {
    List<String> accounts = new ArrayList<>();
    for (int i = 0; i < 6; i++) {
      accounts.add(server.customer("chunk-" + i, MARCH));
    }
    String broken = accounts.get(3);
    // A discount no API would store (it ends before it starts): reading it fails, so the account's
    // invoice cannot be drawn, in the run's chunk as one by one.
    server.sql(
        "insert into discount (id, account_id, name, percent, starts_at, ends_at, created_at)"
            + " values ('broken', ?, 'Broken', 10, '2026-03-10T00:00:00Z', '2026-03-01T00:00:00Z',"
            + " now())",
        broken);
    server.clock().set(APRIL);

    BillingRun.Result result = server.services().billingRun().run();

    assertThat(result.finalized()).isEqualTo(5);
    assertThat(result.failed()).extracting(InvoiceId::value).hasSize(1);
    for (String account : accounts) {
      List<InvoiceHeader> headers = server.services().invoiceStore().list(new AccountId(account));
      assertThat(headers)
          .extracting(InvoiceHeader::status)
          .as(account)
          .containsExactly(
              InvoiceStatus.DRAFT,
              account.equals(broken) ? InvoiceStatus.DRAFT : InvoiceStatus.FINALIZED);
      if (account.equals(broken)) {
        assertThat(result.failed()).containsExactly(headers.get(1).id());
      } else {
        assertThat(headers.get(1).number()).endsWith("-000001");
      }
    }
    BillingRun.Result again = server.services().billingRun().run();
    assertThat(again.finalized()).as("the next run").isZero();
    assertThat(again.failed()).as("tries it again").isEqualTo(result.failed());
  }
}
