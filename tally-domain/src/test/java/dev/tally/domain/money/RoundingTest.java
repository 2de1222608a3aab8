package dev.tally.domain.money;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RoundingTest {
  @ParameterizedTest(name = "{0} rounds to {1}")
  @CsvSource({
    "0.5, 1",
    "-0.5, -1",
    "2.5, 3",
    "-2.5, -3",
    "200.5, 201",
    "2.4999999999, 2",
    "-2.4999999999, -2",
    "2.500000000001, 3",
    "0.000000000001, 0",
    "7, 7"
  })
  void roundsHalfAwayFromZeroToWholeMinorUnits(String exact, long rounded) {
    assertThat(Rounding.round(new BigDecimal(exact))).isEqualByComparingTo(Money.ofMinor(rounded));
  }

  @ParameterizedTest(name = "{1}% of {0} is {2}")
  @CsvSource({
    "2326, 20, 465", // 465.2
    "1999, 7.25, 145", // 144.9275
    "200, 7.25, 15", // 14.5, half up
    "-200, 7.25, -15", // -14.5, half away from zero
    "10, 5, 1", // 0.5
    "-10, 5, -1",
    "123456, 0, 0",
    "999, 100, 999",
    "1, 0.001, 0"
  })
  void taxIsThePercentOfTheAmountRoundedOnce(long amount, String percent, long tax) {
    assertThat(Rounding.percentOf(Money.ofMinor(amount), new BigDecimal(percent)))
        .isEqualByComparingTo(Money.ofMinor(tax));
  }
}
