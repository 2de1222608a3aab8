package dev.tally.server;

import static dev.tally.server.TallyTestServer.requests;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Two Tally nodes on one database: a node that has drawn a draft shows every change made through
 * the other one on its very next read (usage, tax, discounts, credit grants, subscriptions, the
 * invoice's state), although it keeps drawn drafts between reads. The standard plan charges a fee
 * of 1,000 and 0.1 a request.
 */
class DraftsAcrossNodesTest {
  private TallyTestServer writer;
  private Tally readerNode;
  private Http reader;

  @BeforeEach
  void start() {
    writer = TallyTestServer.start();
    readerNode = writer.anotherNode();
    reader = Http.to(readerNode, TallyTestServer.OPERATOR_TOKEN);
  }

  @AfterEach
  void stop() {
    readerNode.close();
    writer.close();
  }

  @Test
  void aDraftReadOnOneNodeShowsEveryChangeMadeThroughTheOther() {
    writer.customer("acme", TallyTestServer.MARCH);
    writer.record(List.of(requests("acme", "r-1", 10_000, "2026-03-05T00:00:00Z")));
    assertThat(draft().path("total").asLong()).as("fee 1,000 + 10,000 requests").isEqualTo(2000);
    assertThat(draft().path("total").asLong()).as("read again").isEqualTo(2000);

    writer.record(List.of(requests("acme", "r-2", 1_000, "2026-03-06T00:00:00Z")));
    assertThat(draft().path("total").asLong()).as("1,000 more requests").isEqualTo(2100);

    writer.operator().patch("/admin/v1/accounts/acme", Map.of("tax_percent", 10)).expect(200);
    assertThat(draft().path("total").asLong()).as("10 % tax").isEqualTo(2310);

    writer
        .operator()
        .post(
            "/admin/v1/accounts/acme/discounts",
            Map.of("name", "Launch", "amount", 100, "starts_at", TallyTestServer.MARCH))
        .expect(201);
    assertThat(draft().path("total").asLong()).as("100 off, then tax").isEqualTo(2200);

    writer
        .operator()
        .post(
            "/admin/v1/accounts/acme/credit-grants",
            Map.of(
                "id",
                "welcome",
                "name",
                "Welcome",
                "amount",
                500,
                "effective_at",
                TallyTestServer.MARCH,
                "expires_at",
                "2027-01-01T00:00:00Z",
                "priority",
                1))
        .expect(201);
    assertThat(draft().path("total").asLong()).as("500 of credit, then tax").isEqualTo(1650);

    writer.subscribe("acme", Catalog.PLAN, TallyTestServer.MARCH, null);
    assertThat(draft().path("total").asLong())
        .as("a second subscription: (2 fees + 2 × 1,100 - 100 - 500) + 10 % tax")
        .isEqualTo(3960);

    writer.clock().set(java.time.Instant.parse("2026-04-01T00:00:00Z"));
    writer.operator().post("/admin/v1/billing-runs", Map.of()).expect(200);
    assertThat(draft().path("status").asText())
        .as("finalized on the other node")
        .isEqualTo("FINALIZED");
    assertThat(draft().path("total").asLong()).isEqualTo(3960);
  }

  @Test
  void theInvoiceListOnOneNodeShowsEveryChangeMadeThroughTheOther() {
    writer.customer("acme", TallyTestServer.MARCH);
    Http customer = Http.to(readerNode, writer.token("account", "acme"));
    writer.record(List.of(requests("acme", "r-1", 10_000, "2026-03-05T00:00:00Z")));
    assertThat(listed(customer).path("total").asLong()).isEqualTo(2000);
    assertThat(listed(customer).path("total").asLong()).as("read again").isEqualTo(2000);

    writer.record(List.of(requests("acme", "r-2", 1_000, "2026-03-06T00:00:00Z")));
    assertThat(listed(customer).path("total").asLong()).as("1,000 more").isEqualTo(2100);

    writer.operator().patch("/admin/v1/accounts/acme", Map.of("tax_percent", 10)).expect(200);
    assertThat(listed(customer).path("total").asLong()).as("10 % tax").isEqualTo(2310);

    writer.subscribe("acme", Catalog.PLAN, TallyTestServer.MARCH, null);
    assertThat(listed(customer).path("total").asLong())
        .as("a second subscription: (2 fees + 2 × 1,100) + 10 % tax")
        .isEqualTo(4620);

    String march = listed(customer).path("id").asText();
    writer.clock().set(java.time.Instant.parse("2026-04-01T00:00:00Z"));
    assertThat(invoices(customer))
        .as("a new period began: its draft shows with nothing else changed")
        .hasSize(2);
    assertThat(invoice(customer, march).path("total").asLong()).isEqualTo(4620);

    writer.operator().post("/admin/v1/billing-runs", Map.of()).expect(200);
    assertThat(draft().path("status").asText()).isEqualTo("FINALIZED");
    assertThat(invoice(customer, march).path("total").asLong())
        .as("finalized on the other node, frozen with the same total")
        .isEqualTo(4620);
    assertThat(invoice(customer, march).path("paid").asBoolean()).isFalse();

    writer
        .operator()
        .send(
            "PUT",
            "/admin/v1/invoices/" + march + "/payment",
            "application/json",
            Map.of("provider", "stripe", "status", "PAID"))
        .expect(200);
    assertThat(invoice(customer, march).path("paid").asBoolean())
        .as("paid through the other node")
        .isTrue();
  }

  @Test
  void detailsAndTheDraftReadOnOneNodeShowChangesMadeThroughTheOther() {
    writer.customer("acme", TallyTestServer.MARCH);
    Http customer = Http.to(readerNode, writer.token("account", "acme"));
    writer.record(List.of(requests("acme", "r-1", 10_000, "2026-03-05T00:00:00Z")));
    String draft = listed(customer).path("id").asText();
    assertThat(details(customer)).isEqualTo(2000);
    assertThat(details(customer)).as("read again").isEqualTo(2000);
    assertThat(draftTotal(customer, draft)).isEqualTo(2000);

    writer.record(List.of(requests("acme", "r-2", 1_000, "2026-03-06T00:00:00Z")));
    assertThat(details(customer)).as("1,000 more").isEqualTo(2100);
    assertThat(draftTotal(customer, draft)).isEqualTo(2100);

    writer.operator().patch("/admin/v1/accounts/acme", Map.of("tax_percent", 10)).expect(200);
    assertThat(details(customer)).as("10 % tax").isEqualTo(2310);
    assertThat(draftTotal(customer, draft)).isEqualTo(2310);
  }

  /** The total of the current period's invoice details, as the reading node serves them. */
  private static long details(Http customer) {
    return customer
        .get("/v1/billing/invoices/details")
        .expect(200)
        .json()
        .path("data")
        .path("total")
        .asLong();
  }

  /** The total of the invoice {@code id}, as the reading node serves it. */
  private static long draftTotal(Http customer, String id) {
    return customer
        .get("/v1/billing/invoices/" + id)
        .expect(200)
        .json()
        .path("data")
        .path("total")
        .asLong();
  }

  @Test
  void aTokenRevokedThroughTheOtherNodeIsRefusedAtOnceThoughItsListPageIsKept() {
    writer.customer("acme", TallyTestServer.MARCH);
    String token = writer.token("account", "acme");
    Http customer = Http.to(readerNode, token);
    assertThat(invoices(customer)).hasSize(1);
    assertThat(invoices(customer)).as("answered from the kept page").hasSize(1);

    String tokenId = token.substring("tly_".length(), "tly_".length() + 12);
    writer.operator().delete("/admin/v1/tokens/" + tokenId).expect(204);

    customer.get("/v1/billing/invoices").expect(401);
  }

  /** The account's Northflank list, as the reading node serves it. */
  private static JsonNode invoices(Http customer) {
    return customer.get("/v1/billing/invoices").expect(200).json().path("data").path("invoices");
  }

  /** The invoice {@code id} of the account's Northflank list, as the reading node serves it. */
  private static JsonNode invoice(Http customer, String id) {
    for (JsonNode invoice : invoices(customer)) {
      if (invoice.path("id").asText().equals(id)) {
        return invoice;
      }
    }
    throw new AssertionError("no invoice " + id);
  }

  /** The newest invoice of the account's Northflank list, as the reading node serves it. */
  private static JsonNode listed(Http customer) {
    assertThat(invoices(customer)).hasSize(1);
    return invoices(customer).path(0);
  }

  /** The account's March invoice as the reading node serves it. */
  private JsonNode draft() {
    JsonNode invoices = reader.get("/admin/v1/accounts/acme/invoices").expect(200).json();
    for (JsonNode invoice : invoices.path("data")) {
      if (invoice.path("period").path("start").asText().equals(TallyTestServer.MARCH)) {
        return invoice;
      }
    }
    throw new AssertionError("no March invoice in " + invoices);
  }
}
