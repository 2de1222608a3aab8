package dev.tally.domain.pricing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tally.domain.money.Money;
import dev.tally.domain.usage.MeterId;
import java.math.BigDecimal;
import java.util.List;
import org.junit.jupiter.api.Test;

class PlanTest {
  @Test
  void pricesOnlyTheMetersItNames() {
    MeterPrice cpu = new MeterPrice(new MeterId("cpu"), new PerUnit(new BigDecimal("0.5")));
    Plan team = new Plan(new PlanId("team"), "Team", "USD", Money.ofMinor(2000), List.of(cpu));

    assertThat(team.priceOf(new MeterId("cpu"))).contains(cpu.model());
    assertThat(team.priceOf(new MeterId("memory"))).isEmpty();
  }
}
