package dev.tally.server;

import static dev.tally.server.TallyTestServer.requests;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Clock-driven scenarios of what comes after the lines: plan changes, minimum spend, discounts,
 * credit grants and tax (docs/billing.md). The standard plan charges a fee of 1,000 and 0.1 a
 * request; March has 31 days; every number is worked out by hand in the assertion's description.
 */
class AdjustmentScenariosTest {
  private static final Instant APRIL = Instant.parse("2026-04-01T00:00:00Z");
  private static final String MID_MARCH = "2026-03-16T12:00:00Z";

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
  void anUpgradeMidPeriodCreditsTheUnusedPartOfTheOldFeeAndChargesTheNewOneFromThen() {
    plan("pro", 3100, "0.05", 0);
    server.account("up", TallyTestServer.MARCH, 0);
    server.subscribe("up", Catalog.PLAN, TallyTestServer.MARCH, MID_MARCH);
    server.subscribe("up", "pro", MID_MARCH, null);
    server.record(List.of(requests("up", "u-1", 10_000, "2026-03-10T00:00:00Z")));
    server.clock().set(Instant.parse("2026-03-21T00:00:00Z"));
    server.record(List.of(requests("up", "u-2", 10_000, "2026-03-20T00:00:00Z")));

    JsonNode march = server.currentInvoice("up");

    assertFee(line(march, Catalog.PLAN, "subscription"), "Standard", 1000, -500, 500);
    assertThat(requestsLine(march, Catalog.PLAN).path("total").asLong())
        .as("10,000 requests at 0.1 on standard")
        .isEqualTo(1000);
    assertFee(line(march, "pro", "subscription"), "Pro", 3100, -1550, 1550);
    assertThat(requestsLine(march, "pro").path("total").asLong())
        .as("10,000 requests at 0.05 on pro")
        .isEqualTo(500);
    TallyTestServer.assertTotals(march, 3550, 0, 3550);
  }

  @Test
  void aDowngradeMidPeriodCreditsTheUnusedPartOfTheDearerFee() {
    plan("pro", 3100, "0.05", 0);
    server.account("down", TallyTestServer.MARCH, 0);
    server.subscribe("down", "pro", TallyTestServer.MARCH, MID_MARCH);
    server.subscribe("down", Catalog.PLAN, MID_MARCH, null);
    server.record(List.of(requests("down", "d-1", 10_000, "2026-03-10T00:00:00Z")));

    JsonNode march = server.currentInvoice("down");

    assertFee(line(march, "pro", "subscription"), "Pro", 3100, -1550, 1550);
    assertThat(requestsLine(march, "pro").path("total").asLong()).isEqualTo(500);
    assertFee(line(march, Catalog.PLAN, "subscription"), "Standard", 1000, -500, 500);
    TallyTestServer.assertTotals(march, 2550, 0, 2550);
  }

  @Test
  void aMinimumSpendIsMadeUpByAMinimumLine() {
    plan("floor", 1000, "0.1", 5000);
    server.account("small", TallyTestServer.MARCH, 0);
    server.subscribe("small", "floor", TallyTestServer.MARCH, null);
    server.record(List.of(requests("small", "s-1", 10_000, "2026-03-10T00:00:00Z")));

    JsonNode march = server.currentInvoice("small");

    JsonNode minimum = line(march, "floor", "minimum");
    assertThat(minimum.path("total").asLong())
        .as("5,000 - (fee 1,000 + requests 1,000)")
        .isEqualTo(3000);
    TallyTestServer.assertTotals(march, 5000, 0, 5000);
  }

  @Test
  void taxIsChargedOnTheDiscountedAmountOnEveryApi() {
    server.customer("taxed", TallyTestServer.MARCH, 20);
    discount("taxed", Map.of("percent", 10, "starts_at", TallyTestServer.MARCH));
    server.record(List.of(requests("taxed", "t-1", 20_000, "2026-03-10T00:00:00Z")));

    JsonNode march = server.currentInvoice("taxed");

    assertThat(march.path("discount_total").asLong()).as("10% of 3,000").isEqualTo(300);
    TallyTestServer.assertTotals(march, 3000, 540, 3240);
    assertThat(march.path("amount_due").asLong()).isEqualTo(3240);
    String id = march.path("id").asText();
    String token = server.token("account", "taxed");
    JsonNode invoice =
        server.as(token).get("/v1/billing/invoices/" + id).expect(200).json().path("data");
    assertThat(invoice.path("subTotal").asLong()).isEqualTo(3000);
    assertThat(invoice.path("discounts").path("total").asLong()).isEqualTo(300);
    assertThat(invoice.path("tax").path("amount").asLong()).as("20% of 2,700").isEqualTo(540);
    assertThat(invoice.path("total").asLong()).isEqualTo(3240);
    JsonNode details =
        server.as(token).get("/v1/billing/invoices/details").expect(200).json().path("data");
    assertThat(details.path("discount").asLong()).isEqualTo(300);
    assertThat(details.path("total").asLong()).isEqualTo(3240);
    JsonNode metronome =
        server.operator().get("/v1/customers/taxed/invoices/" + id).expect(200).json().path("data");
    assertThat(metronome.path("total").asLong()).isEqualTo(3240);
    assertThat(metronome.path("subtotal").asLong()).isEqualTo(3000);
    assertThat(sumOfLineItems(metronome)).isEqualTo(3240);
    assertThat(lineItem(metronome, "discount").path("total").asLong()).isEqualTo(-300);
  }

  @Test
  void aDiscountExpiringMidPeriodCountsForTheDaysItCoversAndNotAfter() {
    server.customer("promo", TallyTestServer.MARCH);
    discount(
        "promo",
        Map.of(
            "name",
            "Launch",
            "percent",
            10,
            "starts_at",
            TallyTestServer.MARCH,
            "ends_at",
            MID_MARCH));
    server.record(List.of(requests("promo", "p-1", 20_000, "2026-03-10T00:00:00Z")));

    JsonNode march = server.currentInvoice("promo");
    assertThat(march.path("discounts").get(0).path("amount").asLong())
        .as("10% of 3,000 for 15.5 of 31 days")
        .isEqualTo(150);
    assertThat(march.path("total").asLong()).isEqualTo(2850);

    server.clock().set(Instant.parse("2026-04-10T00:00:00Z"));
    JsonNode april = server.currentInvoice("promo");
    assertThat(april.path("discounts").size()).isZero();
    assertThat(april.path("total").asLong()).isEqualTo(1000);
  }

  @Test
  void twoCreditGrantsAreUsedEarliestExpiryFirstAndConsumedOnlyByFinalizedInvoices() {
    server.customer("credited", TallyTestServer.MARCH);
    grant("credited", "spring", 1500, "2026-04-15T00:00:00Z");
    grant("credited", "year", 5000, "2027-01-01T00:00:00Z");
    server.record(List.of(requests("credited", "c-1", 20_000, "2026-03-10T00:00:00Z")));

    JsonNode draft = server.currentInvoice("credited");
    assertThat(credits(draft)).containsExactly("spring=1500", "year=1500");
    assertThat(draft.path("total").asLong()).as("3,000 - 1,500 - 1,500").isZero();
    assertThat(remaining("credited"))
        .as("a draft uses credit without consuming it")
        .containsExactly("spring=1500", "year=5000");

    server.clock().set(APRIL);
    assertThat(server.runBilling()).isEqualTo(1);
    assertThat(server.runBilling()).as("a second run finds nothing").isZero();
    assertThat(remaining("credited")).containsExactly("spring=0", "year=3500");

    server.clock().set(Instant.parse("2026-04-10T00:00:00Z"));
    JsonNode april = server.currentInvoice("credited");
    assertThat(credits(april)).as("spring is used up").containsExactly("year=1000");
    assertThat(april.path("total").asLong()).isZero();

    JsonNode march = server.invoiceAt("credited", Instant.parse("2026-03-10T00:00:00Z"));
    JsonNode listed =
        server
            .as(server.token("account", "credited"))
            .get("/v1/billing/invoices")
            .expect(200)
            .json()
            .path("data")
            .path("invoices")
            .get(1);
    assertThat(listed.path("id").asText()).isEqualTo(march.path("id").asText());
    assertThat(listed.path("subTotal").asLong())
        .as("the totals frozen with the invoice")
        .isEqualTo(march.path("subtotal").asLong())
        .isEqualTo(3000);
    assertThat(listed.path("total").asLong()).isEqualTo(march.path("total").asLong()).isZero();
    JsonNode metronome =
        server
            .operator()
            .get("/v1/customers/credited/invoices/" + march.path("id").asText())
            .expect(200)
            .json()
            .path("data");
    assertThat(metronome.path("invoice_adjustments").findValuesAsText("credit_grant_id"))
        .containsExactly("spring", "year");
    assertThat(metronome.path("invoice_adjustments").get(0).path("total").asLong())
        .isEqualTo(-1500);
    assertThat(lineItem(metronome, "applied_commit_or_credit").path("total").asLong())
        .isEqualTo(-1500);
    assertThat(sumOfLineItems(metronome)).isEqualTo(metronome.path("total").asLong());
    assertThat(metronome.path("amount_due").asLong()).isZero();
  }

  @Test
  void concurrentBillingRunsNeverUseOneCreditTwice() {
    server.customer("shared", "2026-01-01T00:00:00Z");
    grant("shared", "pool", 1500, "2027-01-01T00:00:00Z");
    server.clock().set(APRIL);

    List<Integer> finalized = Concurrently.run(3, thread -> server.runBilling());

    assertThat(finalized.stream().mapToInt(Integer::intValue).sum())
        .as("January, February and March")
        .isEqualTo(3);
    long used =
        server
            .operator()
            .get("/admin/v1/accounts/shared/invoices")
            .expect(200)
            .json()
            .path("data")
            .valueStream()
            .filter(invoice -> invoice.path("status").asText().equals("FINALIZED"))
            .mapToLong(invoice -> invoice.path("credit_total").asLong())
            .sum();
    assertThat(used).as("three fees of 1,000 against 1,500 of credit").isEqualTo(1500);
    assertThat(remaining("shared")).containsExactly("pool=0");
  }

  @Test
  void voidingAnInvoiceReleasesItsCreditAndRegeneratingUsesItAgain() {
    server.customer("revoid", TallyTestServer.MARCH);
    grant("revoid", "welcome", 1200, "2027-01-01T00:00:00Z");
    server.clock().set(APRIL);
    server.runBilling();
    String march =
        server.invoiceAt("revoid", Instant.parse("2026-03-10T00:00:00Z")).path("id").asText();
    assertThat(remaining("revoid")).containsExactly("welcome=200");

    server
        .operator()
        .post("/admin/v1/invoices/" + march + "/void", Map.of("reason", "wrong plan"))
        .expect(200);
    assertThat(remaining("revoid")).containsExactly("welcome=1200");

    JsonNode regenerated =
        server
            .operator()
            .post("/admin/v1/invoices/" + march + "/regenerate", Map.of())
            .expect(201)
            .json();
    assertThat(credits(regenerated)).containsExactly("welcome=1000");
    assertThat(remaining("revoid")).containsExactly("welcome=200");
  }

  @Test
  void discountsAndCreditGrantsAreCheckedAndListed() {
    server.account("checked", TallyTestServer.MARCH, 0);
    server
        .operator()
        .post(
            "/admin/v1/accounts/checked/discounts",
            Map.of("percent", 120, "amount", 5, "meter_id", "nope"))
        .expect(400);
    server
        .operator()
        .post(
            "/admin/v1/accounts/checked/credit-grants",
            Map.of(
                "name", "x",
                "amount", "1.5",
                "effective_at", "2026-03-02T00:00:00Z",
                "expires_at", "2026-03-01T00:00:00Z"))
        .expect(400);
    discount("checked", Map.of("id", "d-1", "amount", 250, "starts_at", TallyTestServer.MARCH));
    server
        .operator()
        .post(
            "/admin/v1/accounts/checked/discounts",
            Map.of("id", "d-1", "amount", 250, "starts_at", TallyTestServer.MARCH))
        .expect(409);
    JsonNode listed =
        server.operator().get("/admin/v1/accounts/checked/discounts").expect(200).json();
    assertThat(listed.path("data").get(0).path("amount").asLong()).isEqualTo(250);
    server.operator().get("/admin/v1/accounts/nobody/credit-grants").expect(404);
  }

  // fixtures

  private void plan(String id, long fee, String requestPrice, long minimum) {
    server.plan(
        id,
        fee,
        minimum,
        Map.of(
            "meter_id",
            Catalog.REQUESTS,
            "model",
            "per_unit",
            "unit_price",
            new BigDecimal(requestPrice)));
  }

  private void discount(String account, Map<String, Object> body) {
    server.operator().post("/admin/v1/accounts/" + account + "/discounts", body).expect(201);
  }

  private void grant(String account, String id, long amount, String expiresAt) {
    server
        .operator()
        .post(
            "/admin/v1/accounts/" + account + "/credit-grants",
            Map.of(
                "id",
                id,
                "name",
                "Credit " + id,
                "amount",
                amount,
                "effective_at",
                "2026-01-01T00:00:00Z",
                "expires_at",
                expiresAt,
                "priority",
                1))
        .expect(201);
  }

  /** The grants of the account as {@code id=remaining}, in the order they are used. */
  private List<String> remaining(String account) {
    return server
        .operator()
        .get("/admin/v1/accounts/" + account + "/credit-grants")
        .expect(200)
        .json()
        .path("data")
        .valueStream()
        .map(grant -> grant.path("id").asText() + "=" + grant.path("remaining").asLong())
        .toList();
  }

  private static List<String> credits(JsonNode invoice) {
    return invoice
        .path("credits")
        .valueStream()
        .map(
            credit ->
                credit.path("credit_grant_id").asText() + "=" + credit.path("amount").asLong())
        .toList();
  }

  /** The invoice's line of {@code kind} for {@code planId}. */
  private static JsonNode line(JsonNode invoice, String planId, String kind) {
    return invoice
        .path("lines")
        .valueStream()
        .filter(line -> line.path("plan_id").asText().equals(planId))
        .filter(line -> line.path("kind").asText().equals(kind))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no " + kind + " line of " + planId));
  }

  private static JsonNode requestsLine(JsonNode invoice, String planId) {
    return invoice
        .path("lines")
        .valueStream()
        .filter(line -> line.path("plan_id").asText().equals(planId))
        .filter(line -> line.path("meter_id").asText().equals(Catalog.REQUESTS))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no requests line of " + planId));
  }

  private static void assertFee(
      JsonNode line, String title, long base, long proration, long total) {
    assertThat(line.path("title").asText()).isEqualTo(title);
    assertThat(line.path("base").asLong()).as("%s base", title).isEqualTo(base);
    assertThat(line.path("proration").asLong()).as("%s proration", title).isEqualTo(proration);
    assertThat(line.path("total").asLong()).as("%s total", title).isEqualTo(total);
  }

  private static long sumOfLineItems(JsonNode metronomeInvoice) {
    return metronomeInvoice
        .path("line_items")
        .valueStream()
        .mapToLong(item -> item.path("total").asLong())
        .sum();
  }

  private static JsonNode lineItem(JsonNode metronomeInvoice, String type) {
    return metronomeInvoice
        .path("line_items")
        .valueStream()
        .filter(item -> item.path("type").asText().equals(type))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no " + type + " line item in " + metronomeInvoice));
  }
}
