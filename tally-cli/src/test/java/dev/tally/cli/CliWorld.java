package dev.tally.cli;

import dev.tally.client.TallyClient;
import dev.tally.client.admin.Meter;
import dev.tally.client.admin.NewAccount;
import dev.tally.client.admin.NewToken;
import dev.tally.client.admin.Plan;
import dev.tally.client.admin.Subscription;
import dev.tally.client.usage.UsageEvent;
import dev.tally.domain.time.ManualClock;
import dev.tally.postgres.TestDatabases;
import dev.tally.server.Tally;
import dev.tally.server.TallyConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A real Tally on the embedded PostgreSQL with the clock fixed at {@link #NOW}, and fixed ids, so
 * that the commands' output is the same on every run. The customer "acme" is billed in USD from
 * January 2026 with 20% tax; January and February are finalized, March is the live draft. "bulk"
 * takes the ingest tests' events; "tanaka" is billed in yen.
 */
final class CliWorld implements AutoCloseable {
  static final Instant NOW = Instant.parse("2026-03-10T12:00:00Z");
  static final String OPERATOR = "tly_" + "E".repeat(12) + "_" + "F".repeat(32);

  final Tally tally;
  final TallyClient operator;
  final String accountToken;
  final String teamToken;

  /** Invoice id → a stable placeholder of the same length naming account and month. */
  final Map<String, String> invoiceNames = new LinkedHashMap<>();

  private final Path directory;

  CliWorld() {
    try {
      directory = Files.createTempDirectory("tally-cli-test-");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    tally =
        Tally.start(
            TallyConfig.embedded(directory.resolve("server"))
                .withDatabase(TestDatabases.freshUrl(), null, null)
                .withOperatorToken(OPERATOR),
            new ManualClock(NOW));
    operator = TallyClient.builder().baseUrl(tally.baseUrl()).token(OPERATOR).build();
    var admin = operator.admin();
    admin
        .meters()
        .create(
            new Meter("cpu", "CPU", "compute", null, "sum", "vcpu_hours", null, "paas.cpu", null));
    admin
        .meters()
        .create(
            new Meter(
                "requests", "API requests", "api_request", null, "count", null, null, null, null));
    admin
        .plans()
        .create(
            new Plan(
                "standard",
                "Standard",
                "USD",
                1000L,
                List.of(
                    Plan.Price.perUnit("cpu", new BigDecimal("2.5")),
                    Plan.Price.perUnit("requests", new BigDecimal("0.1")))));
    admin
        .plans()
        .create(
            new Plan(
                "yen",
                "Yen",
                "JPY",
                5000L,
                List.of(Plan.Price.perUnit("requests", new BigDecimal("2")))));
    account("acme", "Acme", "USD", "standard", new BigDecimal("20"));
    account("bulk", "Bulk", "USD", "standard", null);
    account("tanaka", "Tanaka", "JPY", "yen", new BigDecimal("10"));
    admin.accounts().createTeam("acme", "platform", "Platform");
    admin.accounts().createProject("platform", "web", "Web");
    admin.accounts().createResource("web", "web-api", "API", "service");
    admin.accounts().createResource("web", "nightly", "Nightly build", "job");
    accountToken = admin.tokens().create(NewToken.account("acme")).token();
    teamToken = admin.tokens().create(NewToken.team("platform")).token();

    List<UsageEvent> events = new ArrayList<>();
    for (int hour = 0; hour < 10; hour++) {
      Instant february = Instant.parse("2026-02-10T00:00:00Z").plusSeconds(3600L * hour);
      events.add(compute("feb-api-" + hour, february, "web-api", 2));
      events.add(compute("feb-job-" + hour, february, "nightly", 1));
      events.add(request("feb-req-" + hour, "acme", february));
      events.add(request("feb-yen-" + hour, "tanaka", february));
    }
    for (int hour = 0; hour < 4; hour++) {
      events.add(
          compute(
              "mar-api-" + hour,
              Instant.parse("2026-03-02T00:00:00Z").plusSeconds(3600L * hour),
              "web-api",
              3));
    }
    for (int start = 0; start < events.size(); start += 100) {
      operator.usage().ingest(events.subList(start, Math.min(events.size(), start + 100)));
    }
    admin.invoices().runBilling();
    for (String account : List.of("acme", "tanaka", "bulk")) {
      for (var invoice : admin.accounts().invoices(account)) {
        YearMonth month = YearMonth.from(invoice.period().start().atOffset(ZoneOffset.UTC));
        String name = "inv(" + account + "-" + month + ")";
        invoiceNames.put(
            invoice.id(), name + ".".repeat(Math.max(0, invoice.id().length() - name.length())));
      }
    }
  }

  private void account(String id, String name, String currency, String plan, BigDecimal tax) {
    operator
        .admin()
        .accounts()
        .create(
            NewAccount.of(name, currency)
                .id(id)
                .billingAnchor(Instant.parse("2026-01-01T00:00:00Z"))
                .taxPercent(tax));
    operator.admin().accounts().subscribe(id, Subscription.to(plan));
  }

  static UsageEvent compute(String id, Instant at, String resource, int vcpuHours) {
    return UsageEvent.of(
        id, "acme", "compute", at, Map.of("resource_id", resource, "vcpu_hours", vcpuHours));
  }

  static UsageEvent request(String id, String customer, Instant at) {
    return UsageEvent.of(id, customer, "api_request", at, Map.of("endpoint", "/v1/search"));
  }

  /** The id of an invoice by its placeholder's account and month, such as "acme-2026-02". */
  String invoiceId(String accountAndMonth) {
    return invoiceNames.entrySet().stream()
        .filter(entry -> entry.getValue().startsWith("inv(" + accountAndMonth + ")"))
        .findFirst()
        .orElseThrow()
        .getKey();
  }

  Path directory() {
    return directory;
  }

  @Override
  public void close() {
    tally.close();
    try (var files = Files.walk(directory)) {
      files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
