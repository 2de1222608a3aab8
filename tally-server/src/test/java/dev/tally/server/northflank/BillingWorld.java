package dev.tally.server.northflank;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tally.domain.time.ManualClock;
import dev.tally.postgres.TestDatabases;
import dev.tally.server.Tally;
import dev.tally.server.TallyConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A real Tally on a fresh database with a {@link ManualClock}, seeded through the admin API and
 * ingest as an operator would seed it: the account {@code acme} (20 % tax) billed monthly since
 * December 2025, with two teams, resources of all seven types, a BYOC cluster, a plan with a fee
 * and prices for every category, a second plan that starts mid-February (a prorated fee), and usage
 * in every period. December to February are finalized (December is marked paid), March is the live
 * draft at {@link #NOW}. {@code globex} is another account with a team of its own.
 */
final class BillingWorld implements AutoCloseable {
  static final Instant NOW = Instant.parse("2026-03-10T12:00:00Z");
  static final String OPERATOR_TOKEN = "tly_" + "N".repeat(12) + "_" + "F".repeat(32);
  static final String ACME = "acme";
  static final String GLOBEX = "globex";
  static final List<String> ACME_MONTHS = List.of("2025-12", "2026-01", "2026-02", "2026-03");

  private static BillingWorld shared;

  final ManualClock clock;
  final Tally tally;
  final Customer operator;
  final Map<String, String> invoiceIds = new LinkedHashMap<>();
  final Map<String, String> tokens = new LinkedHashMap<>();

  private BillingWorld(ManualClock clock, Tally tally) {
    this.clock = clock;
    this.tally = tally;
    this.operator = new Customer(tally.baseUrl(), OPERATOR_TOKEN);
  }

  /** One seeded world for the test classes that only read it. */
  static synchronized BillingWorld shared() {
    if (shared == null) {
      BillingWorld world = start(NOW);
      world.seed();
      shared = world;
    }
    return shared;
  }

  /** A Tally with the catalog and nothing else, its clock at {@code now}. */
  static BillingWorld start(Instant now) {
    try {
      ManualClock clock = new ManualClock(now);
      // stays empty: the database is the shared test PostgreSQL
      Path dataDirectory = Files.createTempDirectory("tally-northflank-");
      dataDirectory.toFile().deleteOnExit();
      Tally tally =
          Tally.start(
              TallyConfig.embedded(dataDirectory)
                  .withDatabase(TestDatabases.freshUrl(), null, null)
                  .withOperatorToken(OPERATOR_TOKEN)
                  .withGracePeriod(Duration.ZERO),
              clock);
      BillingWorld world = new BillingWorld(clock, tally);
      world.catalog();
      return world;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  Customer as(String tokenName) {
    return operator.as(tokens.get(tokenName));
  }

  String invoiceId(String month) {
    return invoiceIds.get(month);
  }

  // seeding

  private void catalog() {
    meter("cpu", "compute", "sum", "vcpu_hours", "paas.cpu");
    meter("memory", "compute", "sum", "gb_hours", "paas.memory");
    meter("gpu", "compute", "sum", "gpu_hours", "paas.gpu");
    meter("storage", "storage", "max", "gb", "paas.storage");
    meter("byoc_vcpu", "byoc", "sum", "vcpu_hours", "byoc.vcpu");
    meter("byoc_memory", "byoc", "sum", "gb_hours", "byoc.memory");
    meter("byoc_gpu_memory", "byoc", "sum", "gpu_gb_hours", "byoc.gpuMemory");
    meter("byoc_cluster", "byoc_cluster_hour", "count", null, "byoc.cluster");
    meter("requests", "api_request", "sum", "requests", "usage");
    created(
        "/admin/v1/plans",
        Map.of(
            "id", "pro",
            "name", "Pro plan",
            "currency", "USD",
            "recurring_fee", 2000,
            "prices",
                List.of(
                    perUnit("cpu", "2.5"),
                    perUnit("memory", "0.35"),
                    perUnit("gpu", "120"),
                    perUnit("storage", "5"),
                    perUnit("byoc_vcpu", "0.8"),
                    perUnit("byoc_memory", "0.1"),
                    perUnit("byoc_gpu_memory", "0.45"),
                    perUnit("byoc_cluster", "10"),
                    Map.of(
                        "meter_id",
                        "requests",
                        "model",
                        "graduated",
                        "tiers",
                        List.of(
                            Map.of("up_to", 1000, "unit_price", "0"),
                            Map.of("unit_price", "0.01"))))));
    created(
        "/admin/v1/plans",
        Map.of(
            "id", "support", "name", "Priority support", "currency", "USD", "recurring_fee", 3000));
  }

  private void meter(
      String id, String eventType, String aggregation, String value, String category) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("id", id);
    body.put("name", id.replace('_', ' ') + " usage");
    body.put("event_type", eventType);
    body.put("aggregation", aggregation);
    if (value != null) {
      body.put("value_property", value);
    }
    body.put("category", category);
    created("/admin/v1/meters", body);
  }

  private static Map<String, Object> perUnit(String meter, String price) {
    return Map.of("meter_id", meter, "model", "per_unit", "unit_price", price);
  }

  private void seed() {
    account(ACME, "Acme Corp", "2025-12-01T00:00:00Z", 20);
    subscribe(ACME, "pro", null);
    subscribe(ACME, "support", "2026-02-15T00:00:00Z");
    team(ACME, "platform", "Platform");
    project("platform", "web", "Web shop");
    resource("web", "api", "API", "service");
    resource("web", "nightly", "Nightly export", "job");
    resource("web", "db", "Postgres", "addon");
    resource("web", "uploads", "Uploads", "volume");
    project("platform", "ml", "Machine learning");
    resource("ml", "llm", "Llama", "llm-model-deployment");
    team(ACME, "data", "Data");
    project("data", "etl", "ETL");
    resource("etl", "infra", "Infrastructure", "opentofu-job");
    resource("etl", "warehouse", "Warehouse", "external-addon");
    created(
        "/admin/v1/accounts/" + ACME + "/clusters", Map.of("id", "byoc-1", "name", "BYOC eu-1"));

    account(GLOBEX, "Globex", "2026-01-01T00:00:00Z", 0);
    subscribe(GLOBEX, "pro", null);
    team(GLOBEX, "globex-team", "Globex team");
    project("globex-team", "globex-project", "Globex project");
    resource("globex-project", "globex-api", "Globex API", "service");

    Instant periodStart = Instant.parse("2025-12-01T00:00:00Z");
    for (int month = 0; month < ACME_MONTHS.size(); month++) {
      clock.set(periodStart.plus(Duration.ofDays(5)));
      usage(ACME, month, periodStart.plus(Duration.ofDays(2)));
      if (month >= 1) {
        usage(GLOBEX, month, periodStart.plus(Duration.ofDays(3)));
      }
      Instant periodEnd = periodStart.atZone(ZoneOffset.UTC).plusMonths(1).toInstant();
      if (periodEnd.isBefore(NOW)) {
        clock.set(periodEnd.plus(Duration.ofHours(1)));
        operator.post("/admin/v1/billing-runs", Map.of()).expect(200);
      }
      periodStart = periodEnd;
    }
    clock.set(NOW);
    for (JsonNode invoice : operator.get("/admin/v1/accounts/" + ACME + "/invoices").data()) {
      invoiceIds.put(
          invoice.path("period").path("start").asText().substring(0, 7),
          invoice.path("id").asText());
    }
    // Tally records no payments yet (a later issue adds them); mark December paid directly.
    tally
        .database()
        .jdbi()
        .useHandle(
            handle ->
                handle.execute(
                    "update invoice set paid_at = ? where id = ?",
                    java.sql.Timestamp.from(Instant.parse("2026-01-20T10:00:00Z")),
                    invoiceId("2025-12")));

    tokens.put("acme", token(Map.of("kind", "account", "account_id", ACME)));
    tokens.put("platform", token(Map.of("kind", "team", "team_id", "platform")));
    tokens.put("data", token(Map.of("kind", "team", "team_id", "data")));
    tokens.put("globex", token(Map.of("kind", "account", "account_id", GLOBEX)));
    tokens.put(
        "no-permission",
        token(Map.of("kind", "account", "account_id", ACME, "permissions", List.of())));
    JsonNode revoked =
        operator
            .post("/admin/v1/tokens", Map.of("kind", "account", "account_id", ACME))
            .expect(201)
            .json();
    operator.delete("/admin/v1/tokens/" + revoked.path("id").asText()).expect(204);
    tokens.put("revoked", revoked.path("token").asText());
    tokens.put("operator", OPERATOR_TOKEN);
  }

  /**
   * One period's usage of an account, at {@code at}: every resource computes, two store, the BYOC
   * cluster runs, and API requests pass the free tier. {@code month} scales the amounts.
   */
  private void usage(String accountId, int month, Instant at) {
    int scale = month + 1;
    List<Map<String, Object>> events = new ArrayList<>();
    List<String> resources =
        accountId.equals(ACME)
            ? List.of("api", "nightly", "db", "uploads", "llm", "infra", "warehouse")
            : List.of("globex-api");
    for (int i = 0; i < resources.size(); i++) {
      String resource = resources.get(i);
      Map<String, Object> properties = new LinkedHashMap<>();
      properties.put("resource_id", resource);
      properties.put("vcpu_hours", 100 * scale + 37 * i);
      properties.put("gb_hours", 250 * scale + 11 * i);
      if (resource.equals("llm")) {
        properties.put("gpu_hours", 3 * scale);
      }
      events.add(event(accountId, "compute-" + resource, month, "compute", at, properties));
    }
    if (accountId.equals(ACME)) {
      for (String volume : List.of("db", "uploads")) {
        events.add(
            event(
                accountId,
                "storage-" + volume,
                month,
                "storage",
                at,
                Map.of("resource_id", volume, "gb", 20 * scale)));
      }
      events.add(
          event(
              accountId,
              "byoc",
              month,
              "byoc",
              at,
              Map.of(
                  "cluster_id",
                  "byoc-1",
                  "vcpu_hours",
                  400 * scale,
                  "gb_hours",
                  800,
                  "gpu_gb_hours",
                  10)));
      for (int hour = 0; hour < 3; hour++) {
        events.add(
            event(
                accountId,
                "cluster-hour-" + hour,
                month,
                "byoc_cluster_hour",
                at.plus(Duration.ofHours(hour)),
                Map.of("cluster_id", "byoc-1")));
      }
    }
    events.add(
        event(accountId, "requests", month, "api_request", at, Map.of("requests", 1500 * scale)));
    operator.post("/v1/ingest", events).expect(200);
  }

  private static Map<String, Object> event(
      String accountId,
      String name,
      int month,
      String type,
      Instant at,
      Map<String, Object> properties) {
    Map<String, Object> event = new LinkedHashMap<>();
    event.put("transaction_id", accountId + "-" + name + "-" + month);
    event.put("customer_id", accountId);
    event.put("event_type", type);
    event.put("timestamp", at.toString());
    event.put("properties", properties);
    return event;
  }

  void account(String id, String name, String anchor, int taxPercent) {
    created(
        "/admin/v1/accounts",
        Map.of(
            "id", id,
            "name", name,
            "currency", "USD",
            "billing_anchor", anchor,
            "tax_percent", taxPercent));
  }

  void subscribe(String accountId, String planId, String startsAt) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("plan_id", planId);
    if (startsAt != null) {
      body.put("starts_at", startsAt);
    }
    created("/admin/v1/accounts/" + accountId + "/subscriptions", body);
  }

  void team(String accountId, String id, String name) {
    created("/admin/v1/accounts/" + accountId + "/teams", Map.of("id", id, "name", name));
  }

  void project(String teamId, String id, String name) {
    created("/admin/v1/teams/" + teamId + "/projects", Map.of("id", id, "name", name));
  }

  void resource(String projectId, String id, String name, String type) {
    created(
        "/admin/v1/projects/" + projectId + "/resources",
        Map.of("id", id, "name", name, "type", type));
  }

  String token(Map<String, Object> body) {
    return operator.post("/admin/v1/tokens", body).expect(201).json().path("token").asText();
  }

  private void created(String path, Map<String, Object> body) {
    operator.post(path, body).expect(201);
  }

  @Override
  public void close() {
    tally.close();
  }
}
