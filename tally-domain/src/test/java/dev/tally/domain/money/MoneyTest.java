package dev.tally.domain.money;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;

import java.math.BigDecimal;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class MoneyTest {
  @ParameterizedTest
  @ValueSource(strings = {"0.5", "1.01", "-0.001", "12345.000000000001"})
  void rejectsFractionsOfAMinorUnit(String minor) {
    assertThatIllegalArgumentException()
        .isThrownBy(() -> new Money(new BigDecimal(minor)))
        .withMessageContaining("whole number of minor units");
  }

  @Test
  void acceptsWholeAmountsWrittenWithTrailingZerosOrAnExponent() {
    assertThat(new Money(new BigDecimal("100.00")).minor()).isEqualTo(new BigDecimal("100"));
    assertThat(new Money(new BigDecimal("1E+3")).minor()).isEqualTo(new BigDecimal("1000"));
    assertThat(new Money(new BigDecimal("0.000")).isZero()).isTrue();
  }

  @Test
  void rejectsNull() {
    assertThatNullPointerException().isThrownBy(() -> new Money(null)).withMessage("minor");
  }

  @Test
  void comparesByValueWhateverTheScaleItWasWrittenWith() {
    Money written = new Money(new BigDecimal("250.0"));

    assertThat(written).isEqualByComparingTo(Money.ofMinor(250));
    assertThat(written).isEqualTo(Money.ofMinor(250));
    assertThat(Money.ofMinor(-1)).isLessThan(Money.ZERO);
    assertThat(Money.ofMinor(2)).isGreaterThan(Money.ofMinor(1));
  }

  @Test
  void addsSubtractsAndNegatesWholeMinorUnits() {
    Money fee = Money.ofMinor(2000);

    assertThat(fee.plus(Money.ofMinor(326))).isEqualByComparingTo(Money.ofMinor(2326));
    assertThat(fee.minus(Money.ofMinor(2677))).isEqualByComparingTo(Money.ofMinor(-677));
    assertThat(fee.negate()).isEqualByComparingTo(Money.ofMinor(-2000));
    assertThat(fee.negate().signum()).isEqualTo(-1);
  }

  @Test
  void sumsACollectionAndTheEmptySumIsZero() {
    assertThat(Money.sum(List.of(Money.ofMinor(1), Money.ofMinor(-3), Money.ofMinor(7))))
        .isEqualByComparingTo(Money.ofMinor(5));
    assertThat(Money.sum(List.of())).isEqualByComparingTo(Money.ZERO);
  }

  @Test
  void printsAsPlainMinorUnits() {
    assertThat(new Money(new BigDecimal("1E+6"))).hasToString("1000000");
  }
}
