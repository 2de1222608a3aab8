package dev.tally.client;

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
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A real Tally on the embedded PostgreSQL with a fixed clock, and a customer "acme" billed from
 * January 2026 with three months of usage: the world the client tests read.
 */
final class TestTally implements AutoCloseable {
  static final Instant NOW = Instant.parse("2026-03-10T12:00:00Z");
  static final String OPERATOR = "tly_" + "C".repeat(12) + "_" + "D".repeat(32);

  final ManualClock clock = new ManualClock(NOW);
  final Tally tally;
  final TallyClient operator;
  final String accountToken;
  final String teamToken;
  private final Path directory;

  TestTally() {
    try {
      directory = Files.createTempDirectory("tally-client-test-");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    tally =
        Tally.start(
            TallyConfig.embedded(directory)
                .withDatabase(TestDatabases.freshUrl(), null, null)
                .withOperatorToken(OPERATOR),
            clock);
    operator = client(OPERATOR);
    var admin = operator.admin();
    admin
        .meters()
        .create(
            new Meter(
                "cpu", "CPU", "compute", null, "sum", "vcpu_hours", null, "paas.cpu", "vCPU h"));
    admin
        .meters()
        .create(
            new Meter(
                "requests", "Requests", "api_request", null, "count", null, null, null, null));
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
        .accounts()
        .create(
            NewAccount.of("Acme", "USD")
                .id("acme")
                .billingAnchor(Instant.parse("2026-01-01T00:00:00Z"))
                .taxPercent(new BigDecimal("20")));
    admin.accounts().subscribe("acme", Subscription.to("standard"));
    admin.accounts().createTeam("acme", "platform", "Platform");
    admin.accounts().createProject("platform", "web", "Web");
    admin.accounts().createResource("web", "web-api", "API", "service");
    accountToken = admin.tokens().create(NewToken.account("acme")).token();
    teamToken = admin.tokens().create(NewToken.team("platform")).token();
  }

  TallyClient client(String token) {
    return TallyClient.builder().baseUrl(tally.baseUrl()).token(token).build();
  }

  /** {@code count} compute events of 1 vCPU hour each, one an hour from {@code from}. */
  List<UsageEvent> compute(String prefix, Instant from, int count) {
    List<UsageEvent> events = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      events.add(
          UsageEvent.of(
              prefix + "-" + i,
              "acme",
              "compute",
              from.plusSeconds(3600L * i),
              Map.of("resource_id", "web-api", "vcpu_hours", 1)));
    }
    return events;
  }

  @Override
  public void close() {
    tally.close();
    try (var files = Files.walk(directory)) {
      files.sorted(java.util.Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
