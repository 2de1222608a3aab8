package dev.tally.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tally.domain.money.Money;
import dev.tally.domain.pricing.MeterPrice;
import dev.tally.domain.pricing.PerUnit;
import dev.tally.domain.pricing.Plan;
import dev.tally.domain.pricing.PlanId;
import dev.tally.domain.usage.Aggregation;
import dev.tally.domain.usage.InvoiceCategory;
import dev.tally.domain.usage.Meter;
import dev.tally.domain.usage.MeterId;
import java.math.BigDecimal;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Two Tally nodes on one database: meters and plans one node keeps in memory never hide those
 * another node creates.
 */
class CatalogNodesTest {
  @Test
  void aNodeSeesTheMetersAndPlansAnotherNodeCreates() {
    try (Database database = TestDatabases.fresh()) {
      PostgresCatalogStore first = new PostgresCatalogStore(database, Clock.systemUTC());
      PostgresCatalogStore second = new PostgresCatalogStore(database, Clock.systemUTC());
      assertThat(first.meters()).isEmpty();
      assertThat(first.findPlan(new PlanId("basic"))).isEmpty();

      second.createMeter(meter("cpu"));
      second.createMeter(meter("api"));
      Plan plan =
          new Plan(
              new PlanId("basic"),
              "Basic",
              "USD",
              Money.ofMinor(1000),
              List.of(new MeterPrice(new MeterId("cpu"), new PerUnit(BigDecimal.ONE))),
              Money.ZERO);
      second.createPlan(plan);

      assertThat(first.meters())
          .extracting(Meter::id)
          .extracting(MeterId::value)
          .containsExactly("api", "cpu");
      assertThat(first.findPlan(new PlanId("basic"))).contains(plan);
      second.createMeter(meter("memory"));
      assertThat(first.meters()).hasSize(3);
      assertThat(first.meters()).isSameAs(first.meters());
    }
  }

  private static Meter meter(String id) {
    return new Meter(
        new MeterId(id),
        id,
        "work",
        Map.of(),
        Aggregation.COUNT,
        null,
        List.of(),
        InvoiceCategory.USAGE,
        "unit");
  }
}
