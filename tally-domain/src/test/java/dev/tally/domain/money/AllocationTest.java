package dev.tally.domain.money;

import static java.util.Map.entry;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import dev.tally.domain.Generator;
import dev.tally.domain.PropertyCheck;
import java.math.BigDecimal;
import java.math.MathContext;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class AllocationTest {
  @Test
  void partsSumExactlyToTheAmount() {
    List<Money> parts = split(100, "1", "1", "1");

    assertThat(parts).containsExactly(minor(34), minor(33), minor(33));
    assertThat(Money.sum(parts)).isEqualByComparingTo(minor(100));
  }

  @Test
  void splitsInProportionToTheWeights() {
    assertThat(split(1000, "1", "3", "6")).containsExactly(minor(100), minor(300), minor(600));
    assertThat(split(125, "800", "400", "300")).containsExactly(minor(67), minor(33), minor(25));
  }

  @Test
  void givesLeftoverUnitsToTheLargestRemainders() {
    // exact shares 150.374 and 50.626: the unit left over goes to the second part
    assertThat(split(201, "300", "101")).containsExactly(minor(150), minor(51));
  }

  @Test
  void givesTiedLeftoversToEarlierParts() {
    assertThat(split(1, "1", "1")).containsExactly(minor(1), minor(0));
    assertThat(split(2, "1", "1", "1")).containsExactly(minor(1), minor(1), minor(0));
  }

  @Test
  void givesTiedLeftoversToEarlierPartsWhateverTheirSize() {
    assertThat(split(3, "4", "1", "4")).containsExactly(minor(2), minor(0), minor(1));
  }

  @Test
  void splitsEvenlyWhenEveryWeightIsZero() {
    assertThat(split(10, "0", "0", "0")).containsExactly(minor(4), minor(3), minor(3));
    assertThat(split(0, "0", "0")).containsExactly(minor(0), minor(0));
  }

  @Test
  void givesNothingToPartsOfZeroWeightWhenOthersWeighSomething() {
    assertThat(split(7, "0", "2", "0")).containsExactly(minor(0), minor(7), minor(0));
  }

  @Test
  void splitsNegativeAmountsAsTheMirrorOfPositiveOnes() {
    assertThat(split(-100, "1", "1", "1")).containsExactly(minor(-34), minor(-33), minor(-33));
    assertThat(split(-201, "300", "101")).containsExactly(minor(-150), minor(-51));
  }

  @Test
  void acceptsFractionalWeights() {
    assertThat(split(10, "0.000000000001", "0.000000000003"))
        .containsExactly(minor(3), minor(7)); // 2.5 and 7.5: the tie goes to the earlier part
  }

  @Test
  void allocatesZeroToNoPartsAsNothing() {
    assertThat(Allocation.proportional(Money.ZERO, List.of())).isEmpty();
  }

  @Test
  void refusesToAllocateAnAmountToNoParts() {
    assertThatIllegalArgumentException()
        .isThrownBy(() -> Allocation.proportional(minor(5), List.of()))
        .withMessageContaining("no parts");
  }

  @Test
  void refusesNegativeWeights() {
    assertThatIllegalArgumentException()
        .isThrownBy(() -> split(5, "2", "-1"))
        .withMessageContaining("must not be negative");
  }

  @Test
  void partsAlwaysSumToTheAmount() {
    PropertyCheck.forAll(
        41_042_000,
        1_000,
        splits(),
        split -> {
          List<Money> parts = Allocation.proportional(minor(split.amount()), split.weights());

          assertThat(parts).hasSameSizeAs(split.weights());
          assertThat(Money.sum(parts)).isEqualByComparingTo(minor(split.amount()));
        });
  }

  @Test
  void eachPartIsWithinOneMinorUnitOfItsExactShare() {
    PropertyCheck.forAll(
        41_043_000,
        1_000,
        splits(),
        split -> {
          long amount = split.amount();
          List<BigDecimal> weights = split.weights();
          List<Money> parts = Allocation.proportional(minor(amount), weights);

          BigDecimal total = weights.stream().reduce(BigDecimal.ZERO, BigDecimal::add);
          for (int i = 0; i < parts.size(); i++) {
            BigDecimal exact =
                total.signum() == 0
                    ? BigDecimal.valueOf(amount)
                        .divide(BigDecimal.valueOf(weights.size()), MathContext.DECIMAL128)
                    : BigDecimal.valueOf(amount)
                        .multiply(weights.get(i))
                        .divide(total, MathContext.DECIMAL128);
            assertThat(parts.get(i).minor().subtract(exact).abs()).isLessThan(BigDecimal.ONE);
          }
        });
  }

  /** An amount in minor units and the weights to split it by. */
  private record Split(long amount, List<BigDecimal> weights) {}

  private static Generator<Split> splits() {
    return Generator.combine(amounts(), weightLists(), Split::new);
  }

  /** Any amount up to ten billion major units either way, with small amounts and the ends too. */
  private static Generator<Long> amounts() {
    long most = 1_000_000_000_000L;
    return Generator.frequency(
        entry(8, Generator.longs(-most, most)),
        entry(1, Generator.longs(-100, 100)),
        entry(1, Generator.of(0L, 1L, -1L, most, -most)));
  }

  private static Generator<List<BigDecimal>> weightLists() {
    Generator<BigDecimal> weight = Generator.decimalsUpTo("1000000", 12);
    return Generator.frequency(entry(4, weight), entry(1, Generator.of(BigDecimal.ZERO)))
        .list(1, 12);
  }

  private static List<Money> split(long amount, String... weights) {
    return Allocation.proportional(minor(amount), Stream.of(weights).map(BigDecimal::new).toList());
  }

  private static Money minor(long amount) {
    return Money.ofMinor(amount);
  }
}
