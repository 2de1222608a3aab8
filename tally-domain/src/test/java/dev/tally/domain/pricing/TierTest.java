package dev.tally.domain.pricing;

import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;

import java.math.BigDecimal;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TierTest {
  @ParameterizedTest
  @ValueSource(strings = {"0", "0.000", "-1", "-0.000000000001"})
  void rejectsAnUpperBoundThatIsNotPositive(String upTo) {
    assertThatIllegalArgumentException()
        .isThrownBy(() -> Tiers.upTo(upTo, "1"))
        .withMessageContaining("must be positive");
  }

  @Test
  void rejectsANegativeUnitPrice() {
    assertThatIllegalArgumentException()
        .isThrownBy(() -> Tiers.upTo("10", "-0.000000000001"))
        .withMessageContaining("must not be negative");
  }

  @Test
  void needsAUnitPrice() {
    assertThatNullPointerException()
        .isThrownBy(() -> new Tier(BigDecimal.TEN, null))
        .withMessage("unitPrice");
  }
}
