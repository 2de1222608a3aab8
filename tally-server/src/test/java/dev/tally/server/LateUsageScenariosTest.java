package dev.tally.server;

import static dev.tally.server.TallyTestServer.event;
import static dev.tally.server.TallyTestServer.requests;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tally.domain.usage.LateUsage;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Usage for a period whose invoice is already finalized: refused with a 400 by default, or, with
 * {@code --late-usage correct}, billed as a correction line on the next invoice to be issued while
 * the finalized invoice never changes (docs/billing.md, "Late usage"). Requests cost 0.1 ¢ each,
 * the fee is 1,000 ¢, and the accounts are billed from February 1st.
 */
class LateUsageScenariosTest {
  private static final String FEBRUARY = "2026-02-01T00:00:00Z";
  private static final Instant MID_FEBRUARY = Instant.parse("2026-02-15T00:00:00Z");
  private static final Instant MID_MARCH = Instant.parse("2026-03-15T00:00:00Z");
  private static final Instant MARCH_START = Instant.parse("2026-03-01T00:00:00Z");
  private static final Instant APRIL_START = Instant.parse("2026-04-01T00:00:00Z");

  @Test
  void byDefaultLateUsageIsRefusedNamingTheEventAndTheFinalizedInvoice() {
    try (TallyTestServer server = TallyTestServer.start()) {
      String account = februaryBilled(server, "strict");

      Reply refused =
          server
              .ingest(
                  List.of(
                      requests(account, "on-time", 100, "2026-03-09T00:00:00Z"),
                      requests(account, "late", 2345, "2026-02-20T00:00:00Z")))
              .expect(400);

      assertThat(refused.fields()).containsExactly("[1].timestamp");
      assertThat(refused.json().toString()).contains("STRICT-000001").contains("FINALIZED");
      assertThat(server.invoiceAt(account, MID_FEBRUARY).path("total").asLong()).isEqualTo(2000);
      assertThat(server.currentInvoice(account).path("total").asLong())
          .as("nothing of the batch was stored, not even its event for March")
          .isEqualTo(1000);
      assertThat(corrections(server.currentInvoice(account))).isEmpty();
    }
  }

  /**
   * Concurrent batches may be written in one transaction (group commit): a batch refused for a
   * finalized period must fail alone, and the batches written with it must be stored and answered
   * as if each had been sent alone.
   */
  @Test
  void aRefusedBatchNeverFailsTheBatchesSentWithIt() {
    try (TallyTestServer server = TallyTestServer.start()) {
      String account = februaryBilled(server, "mixed");

      List<Reply> replies =
          Concurrently.run(
              8,
              thread ->
                  server.ingest(
                      thread % 2 == 0
                          ? List.of(
                              requests(account, "good-" + thread, 100, "2026-03-09T00:00:00Z"),
                              requests(account, "good-" + thread, 100, "2026-03-09T00:00:00Z"))
                          : List.of(
                              requests(account, "bad-" + thread, 100, "2026-03-09T00:00:00Z"),
                              requests(account, "late-" + thread, 100, "2026-02-20T00:00:00Z"))));

      for (int thread = 0; thread < replies.size(); thread++) {
        Reply reply = replies.get(thread);
        if (thread % 2 == 0) {
          reply.expect(200);
          assertThat(reply.json().path("accepted").asInt()).isEqualTo(1);
          assertThat(reply.json().path("duplicates").asInt()).isEqualTo(1);
        } else {
          reply.expect(400);
          assertThat(reply.fields()).containsExactly("[1].timestamp");
        }
      }
      assertThat(server.currentInvoice(account).path("total").asLong())
          .as("the fee and the four good batches of 100 requests at 0.1 ¢, nothing of the bad ones")
          .isEqualTo(1040);
      assertThat(server.invoiceAt(account, MID_FEBRUARY).path("total").asLong()).isEqualTo(2000);
    }
  }

  @Test
  void lateUsageIsCorrectedOnTheNextInvoiceAndNeverBilledTwice() {
    try (TallyTestServer server = TallyTestServer.start(Duration.ZERO, LateUsage.CORRECT)) {
      String account = februaryBilled(server, "late");
      JsonNode february = server.invoiceAt(account, MID_FEBRUARY);

      server.record(List.of(requests(account, "late-1", 2345, "2026-02-20T00:00:00Z")));
      JsonNode march = server.currentInvoice(account);
      JsonNode correction = correction(march, "Correction: requests, 2026-02");
      assertThat(correction.path("total").asLong())
          .as("12,345 x 0.1 = 1,234.5 -> 1,235, less the 1,000 February charged")
          .isEqualTo(235);
      assertThat(correction.path("quantity").decimalValue()).isEqualByComparingTo("2345");
      assertThat(correction.path("meter_id").asText()).isEqualTo(Catalog.REQUESTS);
      assertThat(correction.path("starts_at").asText()).isEqualTo(FEBRUARY);
      assertThat(correction.path("ending_before").asText()).isEqualTo("2026-03-01T00:00:00Z");
      TallyTestServer.assertTotals(march, 1235, 0, 1235);
      assertThat(server.invoiceAt(account, MID_FEBRUARY))
          .as("February's invoice never changes")
          .isEqualTo(february);

      server.record(List.of(requests(account, "late-2", 1000, "2026-02-21T00:00:00Z")));
      assertThat(
              correction(server.currentInvoice(account), "Correction: requests, 2026-02")
                  .path("total")
                  .asLong())
          .as("13,345 x 0.1 = 1,334.5 -> 1,335, less 1,000")
          .isEqualTo(335);

      JsonNode resent =
          server
              .ingest(List.of(requests(account, "late-1", 2345, "2026-02-20T00:00:00Z")))
              .expect(200)
              .json();
      assertThat(resent.path("duplicates").asInt()).isEqualTo(1);
      assertThat(server.currentInvoice(account).path("total").asLong())
          .as("a repeated event changes nothing")
          .isEqualTo(1335);

      server.clock().set(APRIL_START);
      assertThat(server.runBilling()).as("March is finalized with its correction").isEqualTo(1);
      JsonNode finalMarch = server.invoiceAt(account, MID_MARCH);
      assertThat(finalMarch.path("status").asText()).isEqualTo("FINALIZED");
      TallyTestServer.assertTotals(finalMarch, 1335, 0, 1335);
      assertThat(corrections(server.currentInvoice(account)))
          .as("April has nothing left to correct")
          .isEmpty();

      server.clock().set(APRIL_START.plus(Duration.ofHours(12)));
      server.record(List.of(requests(account, "late-3", 500, "2026-02-28T10:00:00Z")));
      JsonNode april = server.currentInvoice(account);
      assertThat(correction(april, "Correction: requests, 2026-02").path("total").asLong())
          .as("13,845 x 0.1 = 1,384.5 -> 1,385, less 1,000 in February and 335 in March")
          .isEqualTo(50);
      TallyTestServer.assertTotals(april, 1050, 0, 1050);
      assertThat(server.runBilling()).as("nothing is due").isZero();
      assertThat(server.invoiceAt(account, MID_FEBRUARY)).isEqualTo(february);
      assertThat(server.invoiceAt(account, MID_MARCH)).isEqualTo(finalMarch);

      String aprilId = april.path("id").asText();
      JsonNode northflank =
          server
              .as(server.token("account", account))
              .get("/v1/billing/invoices/" + aprilId)
              .expect(200)
              .json()
              .path("data");
      assertThat(northflank.path("lineItems").findValuesAsText("title"))
          .contains("Correction: requests, 2026-02");
      JsonNode metronome =
          server
              .operator()
              .get("/v1/customers/" + account + "/invoices/" + aprilId)
              .expect(200)
              .json()
              .path("data");
      JsonNode item = null;
      for (JsonNode candidate : metronome.path("line_items")) {
        if (candidate.path("name").asText().startsWith("Correction")) {
          item = candidate;
        }
      }
      assertThat(item).isNotNull();
      assertThat(item.path("type").asText()).isEqualTo("usage");
      assertThat(item.path("total").asLong()).isEqualTo(50);
      assertThat(item.path("product_id").asText()).isEqualTo(Catalog.REQUESTS);
    }
  }

  @Test
  void aCorrectionIsPricedAtTheMarginalTierNotTheAverage() {
    try (TallyTestServer server = TallyTestServer.start(Duration.ZERO, LateUsage.CORRECT)) {
      server.clock().set(Instant.parse(FEBRUARY));
      String account = server.customer("tiers", FEBRUARY);
      String resource = server.webService(account);
      String cluster = server.cluster(account, "tiers-cluster");
      server.clock().set(Instant.parse("2026-02-10T00:00:00Z"));
      server.record(
          List.of(
              usage(account, "gpu-1", "compute", "2026-02-05T00:00:00Z", gpuHours(resource, 8)),
              usage(account, "mem-1", "byoc", "2026-02-05T00:00:00Z", gpuGbHours(cluster, 90))));
      server.clock().set(MARCH_START);
      assertThat(server.runBilling()).isEqualTo(1);
      JsonNode february = server.invoiceAt(account, MID_FEBRUARY);
      TallyTestServer.assertLine(february, Catalog.GPU, "8", 1200);
      TallyTestServer.assertLine(february, Catalog.BYOC_GPU_MEMORY, "90", 81);

      server.clock().set(Instant.parse("2026-03-10T00:00:00Z"));
      server.record(
          List.of(
              usage(account, "gpu-2", "compute", "2026-02-25T00:00:00Z", gpuHours(resource, 4)),
              usage(account, "mem-2", "byoc", "2026-02-25T00:00:00Z", gpuGbHours(cluster, 20))));
      JsonNode march = server.currentInvoice(account);

      assertThat(correction(march, "Correction: gpu, 2026-02").path("total").asLong())
          .as("graduated: 10 x 150 + 2 x 120 = 1,740, less 1,200 (4 x 150 = 600 would be wrong)")
          .isEqualTo(540);
      assertThat(correction(march, "Correction: byoc gpu memory, 2026-02").path("total").asLong())
          .as("volume: 110 x 0.6 = 66, less 81: a credit")
          .isEqualTo(-15);
      TallyTestServer.assertTotals(march, 1000 + 540 - 15, 0, 1525);
      assertThat(server.invoiceAt(account, MID_FEBRUARY)).isEqualTo(february);
      JsonNode northflank =
          server
              .as(server.token("account", account))
              .get("/v1/billing/invoices/" + march.path("id").asText())
              .expect(200)
              .json()
              .path("data");
      assertThat(northflank.path("lineItems").findValuesAsText("title"))
          .as("corrections are line items, outside the PaaS and BYOC breakdown")
          .contains("Correction: gpu, 2026-02", "Correction: byoc gpu memory, 2026-02");
      assertThat(northflank.path("total").asLong()).isEqualTo(1525);
    }
  }

  @Test
  void lateUsageIsStillBoundByTheBackdatingWindowAndTheAnchor() {
    try (TallyTestServer server = TallyTestServer.start(Duration.ZERO, LateUsage.CORRECT)) {
      String account = februaryBilled(server, "bounds");

      server.clock().set(MARCH_START.plus(Duration.ofHours(1)));
      Reply beforeAnchor =
          server
              .ingest(List.of(requests(account, "before-anchor", 1, "2026-01-31T23:00:00Z")))
              .expect(400);
      assertThat(beforeAnchor.fields()).containsExactly("[0].timestamp");
      assertThat(beforeAnchor.json().toString()).contains("billing starts");

      server.clock().set(Instant.parse("2026-03-30T00:00:00Z"));
      Reply tooOld =
          server
              .ingest(List.of(requests(account, "too-old", 1, "2026-02-20T00:00:00Z")))
              .expect(400);
      assertThat(tooOld.fields()).containsExactly("[0].timestamp");
      assertThat(tooOld.json().toString()).contains("backdating window");
      assertThat(corrections(server.currentInvoice(account))).isEmpty();
    }
  }

  /**
   * An account billed from February 1st whose February (fee 1,000 + 10,000 requests = 2,000) was
   * finalized at March 1st; the clock then stands at March 10th.
   */
  private static String februaryBilled(TallyTestServer server, String id) {
    server.clock().set(Instant.parse(FEBRUARY));
    String account = server.customer(id, FEBRUARY);
    server.clock().set(Instant.parse("2026-02-10T00:00:00Z"));
    server.record(List.of(requests(account, "feb-1", 10_000, "2026-02-05T00:00:00Z")));
    server.clock().set(MARCH_START);
    assertThat(server.runBilling()).isEqualTo(1);
    JsonNode february = server.invoiceAt(account, MID_FEBRUARY);
    assertThat(february.path("status").asText()).isEqualTo("FINALIZED");
    TallyTestServer.assertTotals(february, 2000, 0, 2000);
    server.clock().set(Instant.parse("2026-03-10T00:00:00Z"));
    return account;
  }

  /** A usage event of {@code type} with {@code properties}. */
  private static Map<String, Object> usage(
      String account, String transactionId, String type, String at, Map<String, ?> properties) {
    return event(transactionId, account, type, Instant.parse(at), properties);
  }

  private static Map<String, Object> gpuHours(String resource, int hours) {
    return Map.of("resource_id", resource, "gpu_hours", hours);
  }

  private static Map<String, Object> gpuGbHours(String cluster, int gbHours) {
    return Map.of("cluster_id", cluster, "gpu_gb_hours", gbHours);
  }

  private static List<JsonNode> corrections(JsonNode invoice) {
    List<JsonNode> found = new ArrayList<>();
    for (JsonNode line : invoice.path("lines")) {
      if ("correction".equals(line.path("kind").asText())) {
        found.add(line);
      }
    }
    return found;
  }

  private static JsonNode correction(JsonNode invoice, String title) {
    return corrections(invoice).stream()
        .filter(line -> title.equals(line.path("title").asText()))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no line " + title + " in " + invoice));
  }
}
