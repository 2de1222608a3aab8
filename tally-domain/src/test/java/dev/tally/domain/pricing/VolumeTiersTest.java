package dev.tally.domain.pricing;

import static dev.tally.domain.pricing.Tiers.above;
import static dev.tally.domain.pricing.Tiers.upTo;
import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class VolumeTiersTest implements TieredPriceContract {
  private final VolumeTiers tenEightFive = new VolumeTiers(Tiers.tenEightFive());

  @Override
  public PriceModel priced(List<Tier> tiers) {
    return new VolumeTiers(tiers);
  }

  @ParameterizedTest(name = "{0} units cost {1}")
  @CsvSource({"50, 500", "500, 4000", "1500, 7500"})
  void chargesEveryUnitAtThePriceOfTheTierTheWholeQuantityFallsIn(String quantity, String price) {
    assertThat(tenEightFive.price(new BigDecimal(quantity))).isEqualByComparingTo(price);
  }

  @ParameterizedTest(name = "{0} units cost {1}")
  @CsvSource({
    "100, 1000",
    "100.000, 1000",
    "100.000000000001, 800.000000000008",
    "1000, 8000",
    "1000.000000000001, 5000.000000000005"
  })
  void quantityExactlyAtATiersUpperBoundStaysInThatTier(String quantity, String price) {
    assertThat(tenEightFive.price(new BigDecimal(quantity))).isEqualByComparingTo(price);
  }

  @Test
  void chargesLessForMoreWhenTheQuantityCrossesIntoACheaperTier() {
    assertThat(tenEightFive.price(new BigDecimal("100"))).isEqualByComparingTo("1000");
    assertThat(tenEightFive.price(new BigDecimal("101"))).isEqualByComparingTo("808");
  }

  @Test
  void keepsTwelveDecimalQuantitiesAndPricesExact() {
    VolumeTiers model =
        new VolumeTiers(List.of(upTo("0.000000000002", "0.123456789012"), above("0.5")));

    assertThat(model.price(new BigDecimal("0.000000000001")))
        .isEqualByComparingTo("0.000000000000123456789012");
    assertThat(model.price(new BigDecimal("0.000000000003")))
        .isEqualByComparingTo("0.0000000000015");
  }
}
