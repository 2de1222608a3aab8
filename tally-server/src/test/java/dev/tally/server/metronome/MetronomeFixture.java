package dev.tally.server.metronome;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tally.domain.time.ManualClock;
import dev.tally.postgres.TestDatabases;
import dev.tally.server.Tally;
import dev.tally.server.TallyConfig;
import dev.tally.server.http.WireJson;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A real Tally on a fresh database, over real HTTP, seeded through the admin API and ingest with
 * the scenario the Metronome tests read. The clock stands at {@link #NOW} once it is seeded:
 *
 * <ul>
 *   <li>{@code acme}: USD, billed monthly from 2025-01-01, 8.25 % tax, contract {@code
 *       contract-acme}, 30 days terms, on plan {@code pro} from its anchor. Its periods of January
 *       2025 to January 2026 were finalized on {@link #FEBRUARY_RUN}, February 2026 on {@link
 *       #NOW}; March 2026 is the draft. Usage in February (requests split by endpoint, builds over
 *       the free tier, storage) and in March (requests only, some without an endpoint). Its invoice
 *       of June 2025 is void.
 *   <li>{@code globex}: EUR, billed from 2026-01-15, no tax, no contract, on plan {@code pro-eur}
 *       from 2026-02-01 (so its first fee is prorated).
 * </ul>
 */
final class MetronomeFixture implements AutoCloseable {
  static final String OPERATOR = "tly_" + "M".repeat(12) + "_" + "o".repeat(32);
  static final Instant FEBRUARY_RUN = Instant.parse("2026-02-20T12:00:00Z");
  static final Instant NOW = Instant.parse("2026-03-10T12:00:00Z");
  static final String USD_CENTS = "2714e483-4ff1-48e4-9e25-ac732e8f24f2";

  private static final HttpClient HTTP = HttpClient.newHttpClient();

  final ManualClock clock;
  final Tally tally;
  private final Path dataDirectory;

  private MetronomeFixture(ManualClock clock, Tally tally, Path dataDirectory) {
    this.clock = clock;
    this.tally = tally;
    this.dataDirectory = dataDirectory;
  }

  /** A Tally with only the catalog and no customers, the clock at {@link #FEBRUARY_RUN}. */
  static MetronomeFixture empty() {
    try {
      Path dataDirectory = Files.createTempDirectory("tally-metronome-");
      ManualClock clock = new ManualClock(FEBRUARY_RUN);
      Tally tally =
          Tally.start(
              TallyConfig.embedded(dataDirectory)
                  .withDatabase(TestDatabases.freshUrl(), null, null)
                  .withOperatorToken(OPERATOR)
                  .withGracePeriod(Duration.ZERO),
              clock);
      MetronomeFixture fixture = new MetronomeFixture(clock, tally, dataDirectory);
      fixture.catalog();
      return fixture;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The scenario of the class comment. */
  static MetronomeFixture seeded() {
    MetronomeFixture fixture = empty();
    fixture.seed();
    return fixture;
  }

  private void catalog() {
    admin(
        "/meters",
        Map.of(
            "id", "api-requests",
            "name", "API requests",
            "event_type", "api.request",
            "aggregation", "sum",
            "value_property", "requests",
            "dimensions", List.of("endpoint")));
    admin(
        "/meters",
        Map.of("id", "builds", "name", "Builds", "event_type", "build", "aggregation", "count"));
    admin(
        "/meters",
        Map.of(
            "id", "storage",
            "name", "Storage (GB)",
            "event_type", "storage",
            "aggregation", "max",
            "value_property", "gb"));
    for (String currency : List.of("USD", "EUR")) {
      admin(
          "/plans",
          Map.of(
              "id",
              currency.equals("USD") ? "pro" : "pro-eur",
              "name",
              "Pro",
              "currency",
              currency,
              "recurring_fee",
              5000,
              "prices",
              List.of(
                  Map.of("meter_id", "api-requests", "model", "per_unit", "unit_price", "0.05"),
                  Map.of(
                      "meter_id",
                      "builds",
                      "model",
                      "graduated",
                      "tiers",
                      List.of(Map.of("up_to", 10, "unit_price", 0), Map.of("unit_price", 25))),
                  Map.of("meter_id", "storage", "model", "per_unit", "unit_price", 10))));
    }
  }

  private void seed() {
    customer("acme", "USD", "2025-01-01T00:00:00Z", "8.25", "contract-acme", "pro", null);
    List<Map<String, Object>> february = new ArrayList<>();
    february.add(requests("feb-1", "2026-02-02T10:00:00Z", "/v1/search", 12_000));
    february.add(requests("feb-2", "2026-02-09T10:00:00Z", "/v1/users", 3_000));
    february.add(requests("feb-3", "2026-02-16T10:00:00Z", "/v1/search", 4_000));
    for (int i = 0; i < 12; i++) {
      february.add(event("feb-build-" + i, "acme", "build", "2026-02-1" + (i % 9) + "T08:00:00Z"));
    }
    february.add(storage("feb-storage-1", "2026-02-05T00:00:00Z", 40));
    february.add(storage("feb-storage-2", "2026-02-15T00:00:00Z", 55));
    ingest(february);
    billingRun();
    customer("globex", "EUR", "2026-01-15T00:00:00Z", "0", null, "pro-eur", "2026-02-01T00:00:00Z");
    clock.set(NOW);
    Map<String, Object> withoutEndpoint =
        event("mar-2", "acme", "api.request", "2026-03-03T10:00:00Z");
    withoutEndpoint.put("properties", Map.of("requests", 500));
    ingest(
        List.of(requests("mar-1", "2026-03-02T10:00:00Z", "/v1/search", 1_000), withoutEndpoint));
    billingRun();
    String june = invoiceOf("acme", "2025-06-01T00:00:00Z");
    voidInvoice(june);
  }

  /**
   * Marks a finalized invoice VOID. No API voids invoices yet, so the tests that need a void
   * invoice set the status in the database, as voiding will: the frozen charges stay.
   */
  void voidInvoice(String invoiceId) {
    int updated =
        tally
            .database()
            .jdbi()
            .withHandle(
                handle ->
                    handle.execute(
                        "update invoice set status = 'VOID' where id = ? and status = 'FINALIZED'",
                        invoiceId));
    assertThat(updated).as("finalized invoice %s made void", invoiceId).isEqualTo(1);
  }

  void customer(
      String id,
      String currency,
      String anchor,
      String taxPercent,
      String contractId,
      String planId,
      String startsAt) {
    Map<String, Object> account = new LinkedHashMap<>();
    account.put("id", id);
    account.put("name", "Customer " + id);
    account.put("currency", currency);
    account.put("billing_anchor", anchor);
    account.put("tax_percent", taxPercent);
    account.put("payment_terms_days", 30);
    if (contractId != null) {
      account.put("contract_id", contractId);
    }
    admin("/accounts", account);
    Map<String, Object> subscription = new LinkedHashMap<>();
    subscription.put("plan_id", planId);
    if (startsAt != null) {
      subscription.put("starts_at", startsAt);
    }
    admin("/accounts/" + id + "/subscriptions", subscription);
  }

  static Map<String, Object> requests(String id, String timestamp, String endpoint, int count) {
    Map<String, Object> event = event(id, "acme", "api.request", timestamp);
    event.put("properties", Map.of("endpoint", endpoint, "requests", count));
    return event;
  }

  static Map<String, Object> storage(String id, String timestamp, int gb) {
    Map<String, Object> event = event(id, "acme", "storage", timestamp);
    event.put("properties", Map.of("gb", gb));
    return event;
  }

  static Map<String, Object> event(String id, String customer, String type, String timestamp) {
    Map<String, Object> event = new LinkedHashMap<>();
    event.put("transaction_id", id);
    event.put("customer_id", customer);
    event.put("event_type", type);
    event.put("timestamp", timestamp);
    return event;
  }

  void ingest(List<Map<String, Object>> events) {
    Reply reply = send("POST", "/v1/ingest", OPERATOR, events);
    assertThat(reply.status()).as(reply.body()).isEqualTo(200);
  }

  void billingRun() {
    admin("/billing-runs", Map.of());
  }

  /** The id of the customer's invoice whose period starts at {@code periodStart}. */
  String invoiceOf(String customer, String periodStart) {
    for (JsonNode invoice : adminGet("/accounts/" + customer + "/invoices").path("data")) {
      if (invoice.path("period").path("start").asText().equals(periodStart)) {
        return invoice.path("id").asText();
      }
    }
    throw new AssertionError("no invoice of " + customer + " starts at " + periodStart);
  }

  JsonNode admin(String path, Object body) {
    Reply reply = send("POST", "/admin/v1" + path, OPERATOR, body);
    assertThat(reply.status()).as("POST %s: %s", path, reply.body()).isBetween(200, 201);
    return reply.json();
  }

  JsonNode adminGet(String path) {
    Reply reply = get("/admin/v1" + path, OPERATOR);
    assertThat(reply.status()).as("GET %s: %s", path, reply.body()).isEqualTo(200);
    return reply.json();
  }

  /** Issues a token of {@code kind} (account or team) for {@code ownerId}. */
  String token(String kind, String ownerId) {
    return admin("/tokens", Map.of("kind", kind, kind + "_id", ownerId)).path("token").asText();
  }

  Reply get(String pathAndQuery) {
    return get(pathAndQuery, OPERATOR);
  }

  Reply get(String pathAndQuery, String token) {
    return send("GET", pathAndQuery, token, null);
  }

  /** A successful GET's JSON. */
  JsonNode ok(String pathAndQuery) {
    Reply reply = get(pathAndQuery);
    assertThat(reply.status()).as("GET %s: %s", pathAndQuery, reply.body()).isEqualTo(200);
    assertThat(reply.contentType()).startsWith("application/json");
    return reply.json();
  }

  Reply send(String method, String pathAndQuery, String token, Object body) {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(tally.baseUrl() + pathAndQuery))
            .method(
                method,
                body == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(WireJson.write(body)));
    if (token != null) {
      request.header("Authorization", "Bearer " + token);
    }
    if (body != null) {
      request.header("Content-Type", "application/json");
    }
    try {
      HttpResponse<String> response =
          HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
      return new Reply(
          response.statusCode(),
          response.headers().firstValue("Content-Type").orElse(""),
          response.body());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** An HTTP answer. */
  record Reply(int status, String contentType, String body) {
    JsonNode json() {
      return WireJson.parse(body.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }
  }

  @Override
  public void close() {
    tally.close();
    try (var files = Files.walk(dataDirectory)) {
      files.sorted(java.util.Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
