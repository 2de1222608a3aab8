package dev.tally.server;

import static dev.tally.server.TallyTestServer.requests;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Clock-driven billing scenarios: move the clock, subscribe, record usage, expect these lines and
 * totals. Fees are prorated by the second over the period's real length: 31, 28 and 29 days.
 */
class BillingScenariosTest {
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
  void aZeroDecimalCurrencyIsBilledInWholeYenEverywhere() {
    server
        .operator()
        .post(
            "/admin/v1/plans",
            Map.of(
                "id", "yen-plan",
                "name", "Yen plan",
                "currency", "JPY",
                "recurring_fee", 3000,
                "prices",
                    List.of(
                        Map.of(
                            "meter_id", Catalog.REQUESTS,
                            "model", "per_unit",
                            "unit_price", "0.15"))))
        .expect(201);
    server
        .operator()
        .post(
            "/admin/v1/accounts",
            Map.of(
                "id", "yen",
                "name", "Yen KK",
                "currency", "JPY",
                "billing_anchor", TallyTestServer.MARCH,
                "tax_percent", 10))
        .expect(201);
    server
        .operator()
        .post(
            "/admin/v1/accounts/yen/subscriptions",
            Map.of("plan_id", "yen-plan", "starts_at", "2026-03-11T00:00:00Z"))
        .expect(201);
    server.clock().set(Instant.parse("2026-03-12T01:00:00Z"));
    server.record(List.of(requests("yen", "y-1", 1001, "2026-03-12T00:00:00Z")));
    server.clock().set(Instant.parse("2026-04-01T00:00:00Z"));
    assertThat(server.runBilling()).isEqualTo(1);

    JsonNode march = server.invoiceAt("yen", Instant.parse("2026-03-20T00:00:00Z"));
    assertThat(march.path("currency").asText()).isEqualTo("JPY");
    assertThat(march.path("lines").get(0).path("total").asLong())
        .as("3000 yen x 21/31 days = 2032.26")
        .isEqualTo(2032);
    assertThat(march.path("lines").get(1).path("total").asLong())
        .as("1001 x 0.15 = 150.15")
        .isEqualTo(150);
    TallyTestServer.assertTotals(march, 2182, 218, 2400);
    String id = march.path("id").asText();
    JsonNode metronome =
        server.operator().get("/v1/customers/yen/invoices/" + id).expect(200).json().path("data");
    assertThat(metronome.path("credit_type").path("name").asText()).isEqualTo("JPY");
    assertThat(metronome.path("total").asLong()).isEqualTo(2400);
    JsonNode northflank =
        server
            .as(server.token("account", "yen"))
            .get("/v1/billing/invoices/" + id)
            .expect(200)
            .json()
            .path("data");
    assertThat(northflank.path("currency").asText()).isEqualTo("jpy");
    assertThat(northflank.path("total").asLong()).isEqualTo(2400);
  }

  @Test
  void aSubscriptionStartingHalfWayThroughATwentyEightDayFebruaryPaysHalfTheFee() {
    assertThat(firstFee("feb", "2027-02-01T00:00:00Z", "2027-02-15T00:00:00Z"))
        .as("14 of 28 days")
        .isEqualTo(500);
  }

  @Test
  void aSubscriptionStartingOnTheLeapDayPaysOneTwentyNinthOfTheFee() {
    assertThat(firstFee("leap", "2028-02-01T00:00:00Z", "2028-02-29T00:00:00Z"))
        .as("1 of 29 days: 34.48")
        .isEqualTo(34);
  }

  @Test
  void aSubscriptionEndingMidMonthPaysUpToItsEnd() {
    server.account("cancel", TallyTestServer.MARCH, 0);
    server
        .operator()
        .post(
            "/admin/v1/accounts/cancel/subscriptions",
            Map.of("plan_id", Catalog.PLAN, "ends_at", "2026-03-16T12:00:00Z"))
        .expect(201);
    JsonNode fee = server.currentInvoice("cancel").path("lines").get(0);
    assertThat(fee.path("total").asLong()).as("15.5 of 31 days").isEqualTo(500);
    assertThat(fee.path("proration").asLong()).isEqualTo(-500);
  }

  /** The fee line of the first period of an account subscribed at {@code startsAt}. */
  private long firstFee(String account, String anchor, String startsAt) {
    server.clock().set(Instant.parse(anchor));
    server.account(account, anchor, 0);
    server
        .operator()
        .post(
            "/admin/v1/accounts/" + account + "/subscriptions",
            Map.of("plan_id", Catalog.PLAN, "starts_at", startsAt))
        .expect(201);
    server.clock().set(Instant.parse(startsAt).plusSeconds(3600));
    return server.currentInvoice(account).path("lines").get(0).path("total").asLong();
  }
}
