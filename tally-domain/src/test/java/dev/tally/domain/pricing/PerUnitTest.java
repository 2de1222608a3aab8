package dev.tally.domain.pricing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;

import java.math.BigDecimal;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PerUnitTest {
  @ParameterizedTest(name = "{0} units at {1} cost {2}")
  @CsvSource({
    "401, 0.5, 200.5",
    "0, 0.5, 0",
    "0, 0, 0",
    "1000000, 0, 0",
    "1000, 0.123456789012, 123.456789012",
    "0.000000000001, 0.000000000001, 0.000000000000000000000001",
    "2.75, 4, 11"
  })
  void chargesEveryUnitAtTheSamePriceExactly(String quantity, String unitPrice, String price) {
    PerUnit model = new PerUnit(new BigDecimal(unitPrice));

    assertThat(model.price(new BigDecimal(quantity))).isEqualByComparingTo(price);
  }

  @Test
  void leavesRoundingToTheInvoice() {
    assertThat(new PerUnit(new BigDecimal("0.5")).price(new BigDecimal("3")))
        .isEqualByComparingTo("1.5");
  }

  @Test
  void rejectsANegativeUnitPrice() {
    assertThatIllegalArgumentException()
        .isThrownBy(() -> new PerUnit(new BigDecimal("-0.01")))
        .withMessageContaining("must not be negative");
  }

  @Test
  void needsAUnitPrice() {
    assertThatNullPointerException().isThrownBy(() -> new PerUnit(null)).withMessage("unitPrice");
  }
}
