package dev.tally.server;

import static dev.tally.server.TallyTestServer.requests;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tally.domain.Generator;
import dev.tally.domain.PropertyCheck;
import dev.tally.domain.usage.LateUsage;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * Invariants of billing runs over random account histories, on a real server with real storage:
 * random plans (per-unit, graduated or volume prices, a plan change or not), usage arriving on
 * time, in the grace period and late (corrected on the next invoice), billing runs at random times.
 * Few tries, since each starts its own server.
 */
class BillingRunPropertiesTest {
  private static final Instant START = Instant.parse("2026-01-01T00:00:00Z");

  /** A plan: a fee in cents and the price of the requests meter. */
  record RandomPlan(long fee, Map<String, Object> price) {}

  /** One moment of the history: the clock moves there, usage arrives, maybe billing runs. */
  record Step(long hours, List<Long> usageHoursAgo, List<Integer> counts, boolean billing) {}

  /** An account's history: its anchor, plans, the plan change (hours after the anchor, or -1). */
  record History(
      long anchorHours, RandomPlan first, RandomPlan second, long change, List<Step> steps) {}

  @Test
  void repeatingABillingRunChangesNothing() {
    AtomicInteger corrections = new AtomicInteger();
    PropertyCheck.forAll(
        20260301L,
        5,
        BillingRunPropertiesTest::history,
        history -> {
          try (TallyTestServer server =
              TallyTestServer.start(Duration.ofHours(6), LateUsage.CORRECT)) {
            corrections.addAndGet(play(server, history));
          }
        });
    assertThat(corrections.get()).as("the histories exercise corrections").isPositive();
  }

  /** Plays the history and returns how many correction lines its invoices ended with. */
  private static int play(TallyTestServer server, History history) {
    Instant anchor = START.plus(Duration.ofHours(history.anchorHours()));
    server.clock().set(anchor);
    String account = server.account("prop", anchor.toString(), 10);
    server.plan("first", history.first().fee(), 0, history.first().price());
    server.plan("second", history.second().fee(), 0, history.second().price());
    Instant change = history.change() < 0 ? null : anchor.plus(Duration.ofHours(history.change()));
    server.subscribe(
        account, "first", anchor.toString(), change == null ? null : change.toString());
    if (change != null) {
      server.subscribe(account, "second", change.toString(), null);
    }
    int event = 0;
    for (Step step : history.steps()) {
      Instant now = anchor.plus(Duration.ofHours(step.hours()));
      server.clock().set(now);
      List<Map<String, Object>> events = new ArrayList<>();
      for (int i = 0; i < step.counts().size(); i++) {
        Instant at = now.minus(Duration.ofHours(step.usageHoursAgo().get(i)));
        if (!at.isBefore(anchor)) {
          events.add(requests(account, "e-" + event++, step.counts().get(i), at.toString()));
        }
      }
      if (!events.isEmpty()) {
        server.record(events);
      }
      if (step.billing()) {
        server.runBilling();
        JsonNode before = invoices(server, account);
        assertThat(server.runBilling()).as("a second run finalizes nothing").isZero();
        assertThat(invoices(server, account)).as("a second run changes nothing").isEqualTo(before);
      }
    }
    return invoices(server, account).findValuesAsText("kind").stream()
        .filter("correction"::equals)
        .toList()
        .size();
  }

  private static JsonNode invoices(TallyTestServer server, String account) {
    return server.operator().get("/admin/v1/accounts/" + account + "/invoices").expect(200).json();
  }

  private static History history(Random random) {
    long anchorHours = Generator.longs(0, 27 * 24).next(random);
    long change = random.nextBoolean() ? Generator.longs(1, 80 * 24).next(random) : -1;
    List<Step> steps = new ArrayList<>();
    long hours = 0;
    int count = Generator.longs(4, 10).map(Long::intValue).next(random);
    for (int i = 0; i < count; i++) {
      hours += Generator.longs(24, 20 * 24).next(random);
      int events = Generator.longs(0, 3).map(Long::intValue).next(random);
      List<Long> ago = new ArrayList<>();
      List<Integer> counts = new ArrayList<>();
      for (int e = 0; e < events; e++) {
        // Up to 30 days back: inside the 34-day backdating window, often in a finalized period.
        ago.add(Generator.longs(0, 30 * 24).next(random));
        counts.add(Generator.longs(1, 30_000).map(Long::intValue).next(random));
      }
      steps.add(new Step(hours, ago, counts, random.nextInt(3) > 0));
    }
    steps.add(new Step(hours + 40 * 24, List.of(), List.of(), true));
    return new History(anchorHours, plan(random), plan(random), change, steps);
  }

  private static RandomPlan plan(Random random) {
    long fee = Generator.longs(0, 5000).next(random);
    BigDecimal first = Generator.decimals("0.01", "1", 3).next(random);
    BigDecimal then = Generator.decimals("0.01", "1", 3).next(random);
    long upTo = Generator.longs(1, 40_000).next(random);
    Map<String, Object> price =
        switch (random.nextInt(3)) {
          case 0 -> Map.of("meter_id", Catalog.REQUESTS, "model", "per_unit", "unit_price", first);
          default ->
              Map.of(
                  "meter_id",
                  Catalog.REQUESTS,
                  "model",
                  random.nextBoolean() ? "graduated" : "volume",
                  "tiers",
                  List.of(Map.of("up_to", upTo, "unit_price", first), Map.of("unit_price", then)));
        };
    return new RandomPlan(fee, price);
  }
}
