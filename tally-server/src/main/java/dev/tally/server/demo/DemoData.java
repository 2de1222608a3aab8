package dev.tally.server.demo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tally.domain.access.Permission;
import dev.tally.domain.access.TokenKind;
import dev.tally.domain.account.Account;
import dev.tally.domain.account.AccountId;
import dev.tally.domain.account.Cluster;
import dev.tally.domain.account.ClusterId;
import dev.tally.domain.account.Project;
import dev.tally.domain.account.ProjectId;
import dev.tally.domain.account.Resource;
import dev.tally.domain.account.ResourceId;
import dev.tally.domain.account.ResourceType;
import dev.tally.domain.account.Team;
import dev.tally.domain.account.TeamId;
import dev.tally.domain.error.FieldErrors;
import dev.tally.domain.money.Money;
import dev.tally.domain.pricing.GraduatedTiers;
import dev.tally.domain.pricing.MeterPrice;
import dev.tally.domain.pricing.PerUnit;
import dev.tally.domain.pricing.Plan;
import dev.tally.domain.pricing.PlanId;
import dev.tally.domain.pricing.Subscription;
import dev.tally.domain.pricing.Tier;
import dev.tally.domain.time.BillingPeriod;
import dev.tally.domain.time.ManualClock;
import dev.tally.domain.usage.Aggregation;
import dev.tally.domain.usage.InvoiceCategory;
import dev.tally.domain.usage.LateUsage;
import dev.tally.domain.usage.Meter;
import dev.tally.domain.usage.MeterId;
import dev.tally.domain.usage.UsageEvent;
import dev.tally.postgres.Database;
import dev.tally.server.Services;
import dev.tally.server.TallyConfig;
import dev.tally.server.http.WireJson;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

/**
 * The demo: a PaaS customer (Acme, 3 teams, 8 projects, 47 resources of all seven types and a BYOC
 * cluster, priced per vCPU-hour, GB-hour and GPU-hour) and an API customer (Quotient, billed per
 * request), with six months of hourly usage. Past periods are finalized as a billing run would have
 * done at each period's end; the current period is a live draft.
 */
final class DemoData {
  private static final int BATCH = 2000;
  private final Database database;
  private final String operatorToken;

  DemoData(Database database, String operatorToken) {
    this.database = database;
    this.operatorToken = operatorToken;
  }

  private record Usage(
      Resource resource, double cpu, double memoryGb, double storageGb, double gpus) {}

  JsonNode seed(Clock realClock) {
    Instant now = realClock.instant();
    Instant anchor =
        LocalDate.ofInstant(now, ZoneOffset.UTC)
            .withDayOfMonth(1)
            .minusMonths(6)
            .atStartOfDay()
            .toInstant(ZoneOffset.UTC);
    ManualClock clock = new ManualClock(anchor);
    Services services =
        Services.wire(
            database,
            clock,
            Duration.ofDays(45),
            TallyConfig.DEFAULT_GRACE_PERIOD,
            LateUsage.REJECT);
    createCatalog(services);

    Account acme =
        new Account(
            new AccountId("acme"),
            "Acme Corp",
            "USD",
            anchor,
            new BigDecimal("20"),
            30,
            "contract-acme-2026",
            anchor);
    Account quotient =
        new Account(
            new AccountId("quotient"),
            "Quotient API Inc.",
            "USD",
            anchor,
            BigDecimal.ZERO,
            15,
            "contract-quotient",
            anchor);
    services.accounts().create(acme);
    services.accounts().create(quotient);
    List<Usage> fleet = createAcmeTree(services, acme.id());
    services
        .accounts()
        .createCluster(new Cluster(new ClusterId("byoc-eu-west"), acme.id(), "BYOC eu-west-1"));
    services
        .catalog()
        .createSubscription(
            new Subscription("sub-acme", acme.id(), new PlanId("paas-pro"), anchor, null));
    services
        .catalog()
        .createSubscription(
            new Subscription(
                "sub-quotient", quotient.id(), new PlanId("api-growth"), anchor, null));

    Random random = new Random(42);
    for (BillingPeriod period : acme.cycle().periodsOverlapping(anchor, now)) {
      Instant until = period.end().isAfter(now) ? now.truncatedTo(ChronoUnit.HOURS) : period.end();
      clock.set(until.isAfter(period.start()) ? until : period.start());
      List<UsageEvent> events = new ArrayList<>();
      for (Instant hour = period.start();
          hour.isBefore(until);
          hour = hour.plus(Duration.ofHours(1))) {
        double load = 0.6 + 0.4 * Math.sin(Math.PI * hour.atZone(ZoneOffset.UTC).getHour() / 24.0);
        for (Usage usage : fleet) {
          events.add(resourceEvent(usage, hour, load * (0.8 + 0.4 * random.nextDouble())));
        }
        events.add(byocEvent(hour, load));
        for (String endpoint : List.of("/v1/search", "/v1/embed", "/v1/rank")) {
          long requests = Math.round(1500 * load * (0.5 + random.nextDouble()));
          events.add(
              new UsageEvent(
                  "api-" + endpoint.substring(4) + "-" + hour.getEpochSecond(),
                  quotient.id(),
                  "api.request",
                  hour.plusSeconds(1800),
                  Map.of("endpoint", endpoint, "requests", BigDecimal.valueOf(requests))));
        }
        if (events.size() >= BATCH) {
          services.ingest().ingest(events, new FieldErrors());
          events.clear();
        }
      }
      if (!events.isEmpty()) {
        services.ingest().ingest(events, new FieldErrors());
      }
      // The billing run of the past: two hours after the period's grace period ended.
      Instant billed =
          period.end().plus(TallyConfig.DEFAULT_GRACE_PERIOD).plus(Duration.ofHours(2));
      if (!billed.isAfter(now)) {
        clock.set(billed);
        services.billingRun().run();
      }
    }
    clock.set(now);
    // The usage still pending is folded into the buckets now, not by the server's folder later.
    services.usage().close();
    return tokens(services, acme, quotient);
  }

  private static void createCatalog(Services services) {
    List<Meter> meters =
        List.of(
            meter(
                "cpu",
                "CPU",
                "resource.usage",
                "vcpu_hours",
                InvoiceCategory.PAAS_CPU,
                "vCPU-hour"),
            meter(
                "memory",
                "Memory",
                "resource.usage",
                "memory_gb_hours",
                InvoiceCategory.PAAS_MEMORY,
                "GB-hour"),
            meter(
                "storage",
                "Storage",
                "resource.usage",
                "storage_gb_hours",
                InvoiceCategory.PAAS_STORAGE,
                "GB-hour"),
            meter(
                "gpu", "GPU", "resource.usage", "gpu_hours", InvoiceCategory.PAAS_GPU, "GPU-hour"),
            meter(
                "byoc-vcpu",
                "BYOC vCPU",
                "byoc.usage",
                "vcpu_hours",
                InvoiceCategory.BYOC_VCPU,
                "vCPU-hour"),
            meter(
                "byoc-memory",
                "BYOC memory",
                "byoc.usage",
                "memory_gb_hours",
                InvoiceCategory.BYOC_MEMORY,
                "GB-hour"),
            meter(
                "byoc-gpu-memory",
                "BYOC GPU memory",
                "byoc.usage",
                "gpu_memory_gb_hours",
                InvoiceCategory.BYOC_GPU_MEMORY,
                "GB-hour"),
            meter(
                "byoc-cluster",
                "BYOC cluster",
                "byoc.usage",
                "cluster_hours",
                InvoiceCategory.BYOC_CLUSTER,
                "cluster-hour"),
            new Meter(
                new MeterId("api-requests"),
                "API requests",
                "api.request",
                Map.of(),
                Aggregation.SUM,
                "requests",
                List.of("endpoint"),
                InvoiceCategory.USAGE,
                "request"));
    meters.forEach(services.catalog()::createMeter);
    // Prices in cents: $0.01667 per vCPU-hour, $0.00833 per GB-hour of memory, $0.15 per
    // GB-month of storage (730 hours), GPUs $2.50 per hour for the first 500 hours, then $2.00.
    services
        .catalog()
        .createPlan(
            new Plan(
                new PlanId("paas-pro"),
                "PaaS Pro",
                "USD",
                Money.ofMinor(2000),
                List.of(
                    perUnit("cpu", "1.667"),
                    perUnit("memory", "0.833"),
                    perUnit(
                        "storage",
                        new BigDecimal("15")
                            .divide(new BigDecimal("730"), 12, RoundingMode.HALF_UP)
                            .toPlainString()),
                    new MeterPrice(
                        new MeterId("gpu"),
                        new GraduatedTiers(
                            List.of(
                                new Tier(new BigDecimal("500"), new BigDecimal("250")),
                                new Tier(null, new BigDecimal("200"))))),
                    perUnit("byoc-vcpu", "0.4"),
                    perUnit("byoc-memory", "0.2"),
                    perUnit("byoc-gpu-memory", "0.05"),
                    perUnit("byoc-cluster", "13.7"))));
    services
        .catalog()
        .createPlan(
            new Plan(
                new PlanId("api-growth"),
                "API Growth",
                "USD",
                Money.ofMinor(4900),
                List.of(
                    new MeterPrice(
                        new MeterId("api-requests"),
                        new GraduatedTiers(
                            List.of(
                                new Tier(new BigDecimal("1000000"), new BigDecimal("0.01")),
                                new Tier(null, new BigDecimal("0.008"))))))));
  }

  private static Meter meter(
      String id,
      String name,
      String eventType,
      String property,
      InvoiceCategory category,
      String unit) {
    return new Meter(
        new MeterId(id),
        name,
        eventType,
        Map.of(),
        Aggregation.SUM,
        property,
        List.of(),
        category,
        unit);
  }

  private static MeterPrice perUnit(String meter, String cents) {
    return new MeterPrice(new MeterId(meter), new PerUnit(new BigDecimal(cents)));
  }

  private static List<Usage> createAcmeTree(Services services, AccountId account) {
    String[][] teams = {{"platform", "Platform"}, {"data", "Data"}, {"ml", "Machine Learning"}};
    String[][] projects = {
      {"platform", "web", "Web storefront"},
      {"platform", "api", "Public API"},
      {"platform", "infra", "Infrastructure"},
      {"data", "warehouse", "Warehouse"},
      {"data", "pipelines", "Pipelines"},
      {"data", "analytics", "Analytics"},
      {"ml", "training", "Model training"},
      {"ml", "inference", "Inference"}
    };
    for (String[] team : teams) {
      services.accounts().createTeam(new Team(new TeamId(team[0]), account, team[1]));
    }
    List<Usage> fleet = new ArrayList<>();
    ResourceType[] types = ResourceType.values();
    int n = 0;
    for (String[] project : projects) {
      services
          .accounts()
          .createProject(
              new Project(new ProjectId(project[1]), new TeamId(project[0]), project[2]));
      for (int i = 0; i < 5 + (project[1].length() % 2); i++) {
        ResourceType type = types[n % types.length];
        String id = project[1] + "-" + type.wireName() + "-" + i;
        Resource resource =
            new Resource(
                new ResourceId(id),
                new ProjectId(project[1]),
                type,
                project[1] + " " + type.wireName() + " " + i);
        services.accounts().createResource(resource);
        fleet.add(
            switch (type) {
              case VOLUME -> new Usage(resource, 0, 0, 20 + n % 7 * 10, 0);
              case ADDON, EXTERNAL_ADDON -> new Usage(resource, 0.5, 1, 10, 0);
              case LLM_MODEL_DEPLOYMENT -> new Usage(resource, 4, 16, 50, n % 2 == 0 ? 1 : 0.5);
              case JOB, OPENTOFU_JOB -> new Usage(resource, 0.25, 0.5, 0, 0);
              case SERVICE -> new Usage(resource, 1 + n % 3, 2 + n % 4, 0, 0);
            });
        n++;
      }
    }
    return fleet;
  }

  private static UsageEvent resourceEvent(Usage usage, Instant hour, double load) {
    Map<String, Object> properties = new LinkedHashMap<>();
    properties.put("resource_id", usage.resource().id().value());
    properties.put("vcpu_hours", decimal(usage.cpu() * load));
    properties.put("memory_gb_hours", decimal(usage.memoryGb() * load));
    properties.put("storage_gb_hours", decimal(usage.storageGb()));
    properties.put("gpu_hours", decimal(usage.gpus() * load));
    return new UsageEvent(
        "res-" + usage.resource().id().value() + "-" + hour.getEpochSecond(),
        new AccountId("acme"),
        "resource.usage",
        hour.plusSeconds(3599),
        properties);
  }

  private static UsageEvent byocEvent(Instant hour, double load) {
    Map<String, Object> properties = new LinkedHashMap<>();
    properties.put("cluster_id", "byoc-eu-west");
    properties.put("vcpu_hours", decimal(32 * load));
    properties.put("memory_gb_hours", decimal(128 * load));
    properties.put("gpu_memory_gb_hours", decimal(24 * load));
    properties.put("cluster_hours", BigDecimal.ONE);
    return new UsageEvent(
        "byoc-" + hour.getEpochSecond(),
        new AccountId("acme"),
        "byoc.usage",
        hour.plusSeconds(3599),
        properties);
  }

  private static BigDecimal decimal(double value) {
    return BigDecimal.valueOf(value).setScale(4, RoundingMode.HALF_UP);
  }

  private JsonNode tokens(Services services, Account acme, Account quotient) {
    ObjectNode demo = WireJson.MAPPER.createObjectNode();
    demo.put("operator_token", operatorToken);
    ObjectNode accounts = demo.putObject("accounts");
    ObjectNode acmeNode = accounts.putObject("acme");
    acmeNode.put("account_id", acme.id().value());
    acmeNode.put(
        "account_token",
        services
            .issuer()
            .issue(
                "demo acme billing",
                TokenKind.ACCOUNT,
                acme.id(),
                null,
                Set.of(Permission.BILLING_READ))
            .text());
    acmeNode.put("team_id", "platform");
    acmeNode.put(
        "team_token",
        services
            .issuer()
            .issue(
                "demo platform team",
                TokenKind.TEAM,
                acme.id(),
                new TeamId("platform"),
                Set.of(Permission.BILLING_READ))
            .text());
    ObjectNode quotientNode = accounts.putObject("quotient");
    quotientNode.put("account_id", quotient.id().value());
    quotientNode.put(
        "account_token",
        services
            .issuer()
            .issue(
                "demo quotient billing",
                TokenKind.ACCOUNT,
                quotient.id(),
                null,
                Set.of(Permission.BILLING_READ))
            .text());
    List<String> invoices = new ArrayList<>();
    services.invoiceStore().list(acme.id()).forEach(header -> invoices.add(header.id().value()));
    acmeNode.set("invoice_ids", WireJson.MAPPER.valueToTree(invoices));
    return demo;
  }

  /** What to try, printed when the demo starts. */
  static String guide(JsonNode demo, String baseUrl, Path demoFile, Instant now) {
    String operator = demo.path("operator_token").asText();
    JsonNode acme = demo.path("accounts").path("acme");
    String invoice = acme.path("invoice_ids").path(1).asText();
    return String.join(
        "\n",
        "",
        "Tally demo is running on "
            + baseUrl
            + "   (Ctrl-C to stop; data and tokens: "
            + demoFile
            + ")",
        "",
        "Operator token:       " + operator,
        "Acme account token:   " + acme.path("account_token").asText(),
        "Acme team 'platform': " + acme.path("team_token").asText(),
        "Quotient token:       "
            + demo.path("accounts").path("quotient").path("account_token").asText(),
        "",
        "Try:",
        "  curl -s " + baseUrl + "/healthz",
        "  curl -s -H 'Authorization: Bearer "
            + operator
            + "' "
            + baseUrl
            + "/admin/v1/accounts/acme/invoices",
        "  curl -s -H 'Authorization: Bearer "
            + operator
            + "' "
            + baseUrl
            + "/admin/v1/invoices/"
            + invoice,
        "  curl -s -H 'Authorization: Bearer "
            + operator
            + "' -H 'Content-Type: application/json' "
            + baseUrl
            + "/v1/ingest \\",
        "       -d '[{\"transaction_id\":\"try-1\",\"customer_id\":\"quotient\",\"event_type\":\"api.request\","
            + "\"timestamp\":\""
            + now.truncatedTo(ChronoUnit.SECONDS)
            + "\",\"properties\":{\"endpoint\":\"/v1/search\",\"requests\":1000}}]'",
        "  curl -s -H 'Authorization: Bearer "
            + operator
            + "' "
            + baseUrl
            + "/admin/v1/accounts/quotient/invoices",
        "");
  }
}
