package dev.tally.domain.pricing;

import static dev.tally.domain.pricing.Tiers.above;
import static dev.tally.domain.pricing.Tiers.upTo;
import static java.util.Map.entry;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tally.domain.Generator;
import dev.tally.domain.PropertyCheck;
import java.math.BigDecimal;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class GraduatedTiersTest implements TieredPriceContract {
  private final GraduatedTiers tenEightFive = new GraduatedTiers(Tiers.tenEightFive());

  @Override
  public PriceModel priced(List<Tier> tiers) {
    return new GraduatedTiers(tiers);
  }

  @Test
  void chargesEachTierAtItsOwnRate() {
    // 100 at 10 + 900 at 8 + 500 at 5
    assertThat(tenEightFive.price(new BigDecimal("1500"))).isEqualByComparingTo("10700");
  }

  @ParameterizedTest(name = "{0} units cost {1}")
  @CsvSource({
    "100, 1000",
    "1000, 8200",
    "100.000000000001, 1000.000000000008",
    "1000.000000000001, 8200.000000000005",
    "99.999999999999, 999.99999999999"
  })
  void quantityExactlyAtATiersUpperBoundStaysInThatTier(String quantity, String price) {
    assertThat(tenEightFive.price(new BigDecimal(quantity))).isEqualByComparingTo(price);
  }

  @Test
  void chargesFractionalQuantitiesWithinTheFirstTier() {
    assertThat(tenEightFive.price(new BigDecimal("0.5"))).isEqualByComparingTo("5");
  }

  @Test
  void keepsTwelveDecimalPricesExact() {
    GraduatedTiers model =
        new GraduatedTiers(List.of(upTo("10", "0.000000000001"), above("0.123456789012")));

    // 10 * 0.000000000001 + 10 * 0.123456789012
    assertThat(model.price(new BigDecimal("20"))).isEqualByComparingTo("1.23456789013");
  }

  @Test
  void acceptsFractionalTierBounds() {
    GraduatedTiers model = new GraduatedTiers(List.of(upTo("0.5", "100"), above("1")));

    assertThat(model.price(new BigDecimal("2"))).isEqualByComparingTo("51.5");
  }

  @Test
  void aFreeFirstTierIsAnAllowance() {
    GraduatedTiers model = new GraduatedTiers(List.of(upTo("1000", "0"), above("0.05")));

    assertThat(model.price(new BigDecimal("1000"))).isEqualByComparingTo("0");
    assertThat(model.price(new BigDecimal("1200"))).isEqualByComparingTo("10");
  }

  @Test
  void neverChargesLessForMore() {
    PropertyCheck.forAll(
        30_001,
        1_000,
        Generator.combine(quantities(), quantities(), QuantityAndMore::new),
        input ->
            assertThat(tenEightFive.price(input.quantity().add(input.more())))
                .isGreaterThanOrEqualTo(tenEightFive.price(input.quantity())));
  }

  private record QuantityAndMore(BigDecimal quantity, BigDecimal more) {}

  /** Up to 5000 units with 6 decimals, now and then exactly on a tier bound or an end. */
  private static Generator<BigDecimal> quantities() {
    return Generator.frequency(
        entry(9, Generator.decimals("0", "5000", 6)),
        entry(1, Generator.of("0", "100", "1000", "5000").map(BigDecimal::new)));
  }
}
