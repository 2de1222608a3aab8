package dev.tally.domain.pricing;

import static dev.tally.domain.pricing.Tiers.above;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** What both tiered price models do alike; each model's test class runs these tests too. */
interface TieredPriceContract {
  /** The model under test over {@code tiers}. */
  PriceModel priced(List<Tier> tiers);

  @Test
  default void zeroQuantityCostsNothing() {
    assertThat(priced(Tiers.tenEightFive()).price(BigDecimal.ZERO)).isEqualByComparingTo("0");
  }

  @Test
  default void aSingleOpenTierIsAPerUnitPrice() {
    assertThat(priced(List.of(above("0.5"))).price(new BigDecimal("401")))
        .isEqualByComparingTo("200.5");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("dev.tally.domain.pricing.Tiers#invalidLists")
  default void rejectsInvalidTierLists(String why, List<Tier> tiers, String message) {
    assertThatIllegalArgumentException()
        .isThrownBy(() -> priced(tiers))
        .withMessageContaining(message);
  }

  @Test
  default void keepsItsOwnCopyOfTheTiers() {
    List<Tier> tiers = new ArrayList<>(List.of(above("1")));
    PriceModel model = priced(tiers);

    tiers.set(0, above("2"));

    assertThat(model.price(BigDecimal.TEN)).isEqualByComparingTo("10");
  }
}
