package dev.tally.server;

import static dev.tally.server.TallyTestServer.MARCH;
import static dev.tally.server.TallyTestServer.line;
import static dev.tally.server.TallyTestServer.requests;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tally.server.payments.WebhookSignature;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The invoice lifecycle, clock-driven: the grace period after a period's end, invoice numbers, void
 * and regenerate, and payment status through the admin API and the signed webhook. The server runs
 * with the default grace period of 24 hours.
 */
class InvoiceLifecycleTest {
  private static final Instant APRIL = Instant.parse("2026-04-01T00:00:00Z");
  private static final Instant MID_MARCH = Instant.parse("2026-03-15T00:00:00Z");

  private TallyTestServer server;

  @BeforeEach
  void start() {
    server = TallyTestServer.start(Duration.ofHours(24));
  }

  @AfterEach
  void stop() {
    server.close();
  }

  @Test
  void lateUsageInsideTheGracePeriodLandsOnTheDraftAndIsRefusedAfterIt() {
    String account = server.customer("grace", MARCH);
    server.clock().set(APRIL.plus(Duration.ofHours(23)));

    assertThat(server.runBilling()).as("March is still in its grace period").isZero();
    server.record(List.of(requests(account, "late-1", 1000, "2026-03-31T23:30:00Z")));
    JsonNode march = server.invoiceAt(account, MID_MARCH);
    assertThat(march.path("status").asText()).isEqualTo("DRAFT");
    assertThat(line(march, Catalog.REQUESTS).path("total").asLong()).isEqualTo(100);

    server.clock().set(APRIL.plus(Duration.ofHours(24)));
    assertThat(server.runBilling()).as("grace over: March is finalized").isEqualTo(1);
    JsonNode finalized = server.invoiceAt(account, MID_MARCH);
    assertThat(finalized.path("status").asText()).isEqualTo("FINALIZED");
    assertThat(finalized.path("issued_at").asText()).isEqualTo("2026-04-02T00:00:00Z");
    assertThat(finalized.path("total").asLong()).as("fee 1000 + late usage 100").isEqualTo(1100);

    Reply refused =
        server
            .ingest(List.of(requests(account, "late-2", 1000, "2026-03-31T23:45:00Z")))
            .expect(400);
    assertThat(refused.fields()).containsExactly("[0].timestamp");
    assertThat(server.invoiceAt(account, MID_MARCH).path("total").asLong()).isEqualTo(1100);
  }

  @Test
  void finalizedInvoicesGetStableNumbersInSequencePerAccount() {
    String acme = server.customer("acme", "2026-01-01T00:00:00Z");
    String other = server.customer("other.co", "2026-02-01T00:00:00Z");
    server.clock().set(APRIL.plus(Duration.ofDays(2)));
    server.runBilling();

    assertThat(server.invoiceFields(acme, "number"))
        .containsExactly("", "ACME-000003", "ACME-000002", "ACME-000001");
    assertThat(server.invoiceFields(other, "number"))
        .containsExactly("", "OTHERCO-000002", "OTHERCO-000001");
    JsonNode draft = server.currentInvoice(acme);
    assertThat(draft.path("number").isNull()).as("a draft has no number yet").isTrue();
  }

  @Test
  void aVoidedInvoiceStaysListedAndItsRegenerationRecordsWhatItReplaces() {
    String account = server.customer("voided", MARCH);
    server.record(List.of(requests(account, "r-1", 2000, "2026-03-05T00:00:00Z")));
    server.clock().set(APRIL.plus(Duration.ofDays(2)));
    server.runBilling();
    JsonNode march = server.invoiceAt(account, MID_MARCH);
    String id = march.path("id").asText();

    Reply draftVoid =
        server
            .operator()
            .post(
                "/admin/v1/invoices/"
                    + server.currentInvoice(account).path("id").asText()
                    + "/void",
                Map.of("reason", "wrong"))
            .expect(409);
    assertThat(draftVoid.message()).contains("only a finalized invoice");
    server.operator().post("/admin/v1/invoices/" + id + "/void", Map.of()).expect(400);
    server.operator().post("/admin/v1/invoices/" + id + "/regenerate", Map.of()).expect(409);

    JsonNode voided =
        server
            .operator()
            .post("/admin/v1/invoices/" + id + "/void", Map.of("reason", "wrong tax rate"))
            .expect(200)
            .json();
    assertThat(voided.path("status").asText()).isEqualTo("VOID");
    assertThat(voided.path("void_reason").asText()).isEqualTo("wrong tax rate");
    assertThat(voided.path("number").asText()).isEqualTo("VOIDED-000001");
    assertThat(voided.path("total").asLong()).as("its charges stay as they were").isEqualTo(1200);
    server.ingest(List.of(requests(account, "r-2", 100, "2026-03-06T00:00:00Z"))).expect(400);

    JsonNode regenerated =
        server
            .operator()
            .post("/admin/v1/invoices/" + id + "/regenerate", Map.of())
            .expect(201)
            .json();
    assertThat(regenerated.path("status").asText())
        .as("the period and its grace are over: finalized at once")
        .isEqualTo("FINALIZED");
    assertThat(regenerated.path("replaces_invoice_id").asText()).isEqualTo(id);
    assertThat(regenerated.path("number").asText()).isEqualTo("VOIDED-000002");
    assertThat(regenerated.path("period")).isEqualTo(march.path("period"));
    assertThat(regenerated.path("total").asLong()).isEqualTo(1200);
    server.operator().post("/admin/v1/invoices/" + id + "/regenerate", Map.of()).expect(409);

    assertThat(server.invoiceFields(account, "status"))
        .containsExactlyInAnyOrder("DRAFT", "VOID", "FINALIZED");
    assertThat(server.invoiceAt(account, MID_MARCH).path("id").asText())
        .as("the period's invoice is the regenerated one")
        .isEqualTo(regenerated.path("id").asText());
    assertThat(server.runBilling()).as("repeating the run changes nothing").isZero();
  }

  @Test
  void paymentStatusFromTheAdminApiShowsInEveryShape() {
    String account = server.customer("payer", MARCH);
    String accountToken = server.token("account", account);
    server.clock().set(APRIL.plus(Duration.ofDays(2)));
    server.runBilling();
    String id = server.invoiceAt(account, MID_MARCH).path("id").asText();

    pay(id, Map.of("provider", "stripe", "status", "PAYMENT_FAILED", "external_id", "in_123"))
        .expect(200);
    assertThat(northflankPaid(accountToken, id)).isFalse();
    JsonNode paid =
        pay(id, Map.of("provider", "stripe", "status", "PAID", "external_id", "in_123"))
            .expect(200)
            .json();

    assertThat(paid.path("payment").path("status").asText()).isEqualTo("PAID");
    assertThat(paid.path("paid_at").asText()).isEqualTo("2026-04-03T00:00:00Z");
    assertThat(northflankPaid(accountToken, id)).isTrue();
    JsonNode metronome =
        server.operator().get("/v1/customers/" + account + "/invoices/" + id).expect(200).json();
    assertThat(metronome.path("data").path("external_invoice"))
        .isEqualTo(
            Reply.JSON
                .createObjectNode()
                .put("billing_provider_type", "stripe")
                .put("external_status", "PAID")
                .put("invoice_id", "in_123")
                .put("issued_at_timestamp", "2026-04-03T00:00:00Z"));
    assertThat(metronome.path("data").path("amount_due").asLong()).isZero();
    server
        .operator()
        .post("/admin/v1/invoices/" + id + "/void", Map.of("reason", "paid already"))
        .expect(409);
    Reply bad = pay(id, Map.of("status", "MAYBE")).expect(400);
    assertThat(bad.fields()).containsExactly("provider", "status");
    pay(
            server.currentInvoice(account).path("id").asText(),
            Map.of("provider", "stripe", "status", "PAID"))
        .expect(409);
  }

  @Test
  void aSignedWebhookRecordsPaymentAndABadSignatureIsA401ThatChangesNothing() {
    String account = server.customer("hooked", MARCH);
    server.clock().set(APRIL.plus(Duration.ofDays(2)));
    server.runBilling();
    String id = server.invoiceAt(account, MID_MARCH).path("id").asText();
    String body =
        "{\"invoice_id\":\""
            + id
            + "\",\"provider\":\"stripe\",\"status\":\"PAID\",\"external_id\":\"in_9\"}";
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    Instant now = server.clock().instant();
    WebhookSignature right = new WebhookSignature(TallyTestServer.WEBHOOK_SECRET);
    WebhookSignature wrong = new WebhookSignature("not the secret");
    Http anonymous = server.as(null);

    for (String header :
        new String[] {
          null,
          "garbage",
          "t=abc,v1=zz",
          wrong.sign(bytes, now),
          right.sign(bytes, now.minus(Duration.ofMinutes(6))),
          right.sign("{\"other\":1}".getBytes(StandardCharsets.UTF_8), now)
        }) {
      Reply refused =
          anonymous
              .post("/v1/webhooks/payments", body, WebhookSignature.HEADER, header)
              .expect(401);
      assertThat(refused.json().path("error").path("status").asInt()).isEqualTo(401);
    }
    assertThat(server.invoice(id).path("payment").isNull()).as("nothing changed").isTrue();
    assertThat(server.invoice(id).path("paid_at").isNull()).isTrue();

    JsonNode accepted =
        anonymous
            .post(
                "/v1/webhooks/payments",
                body,
                WebhookSignature.HEADER,
                right.sign(bytes, now.minus(Duration.ofMinutes(4))))
            .expect(200)
            .json();
    assertThat(accepted.path("paid").asBoolean()).isTrue();
    assertThat(server.invoice(id).path("payment").path("external_id").asText()).isEqualTo("in_9");
    String unknown = body.replace(id, "inv_nope");
    byte[] unknownBytes = unknown.getBytes(StandardCharsets.UTF_8);
    anonymous
        .post(
            "/v1/webhooks/payments",
            unknown,
            WebhookSignature.HEADER,
            right.sign(unknownBytes, now))
        .expect(404);
  }

  private Reply pay(String invoiceId, Map<String, Object> report) {
    return server
        .operator()
        .send("PUT", "/admin/v1/invoices/" + invoiceId + "/payment", "application/json", report);
  }

  private boolean northflankPaid(String token, String id) {
    return server
        .as(token)
        .get("/v1/billing/invoices/" + id)
        .expect(200)
        .json()
        .path("data")
        .path("paid")
        .asBoolean();
  }
}
