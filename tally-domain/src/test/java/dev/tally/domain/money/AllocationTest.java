package dev.tally.domain.money;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import dev.tally.domain.Decimals;
import java.math.BigDecimal;
import java.math.MathContext;
import java.util.List;
import java.util.stream.Stream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
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

  @Property(seed = "41042")
  void partsAlwaysSumToTheAmount(
      @ForAll("amounts") long amount, @ForAll("weightLists") List<BigDecimal> weights) {
    List<Money> parts = Allocation.proportional(minor(amount), weights);

    assertThat(parts).hasSameSizeAs(weights);
    assertThat(Money.sum(parts)).isEqualByComparingTo(minor(amount));
  }

  @Property(seed = "41043")
  void eachPartIsWithinOneMinorUnitOfItsExactShare(
      @ForAll("amounts") long amount, @ForAll("weightLists") List<BigDecimal> weights) {
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
  }

  @Provide
  Arbitrary<Long> amounts() {
    return Arbitraries.longs().between(-1_000_000_000_000L, 1_000_000_000_000L);
  }

  @Provide
  Arbitrary<List<BigDecimal>> weightLists() {
    Arbitrary<BigDecimal> weight = Decimals.upTo("1000000", 12);
    Arbitrary<BigDecimal> weightOrZero =
        Arbitraries.frequencyOf(
            Tuple.of(4, weight), Tuple.of(1, Arbitraries.just(BigDecimal.ZERO)));
    return weightOrZero.list().ofMinSize(1).ofMaxSize(12);
  }

  private static List<Money> split(long amount, String... weights) {
    return Allocation.proportional(minor(amount), Stream.of(weights).map(BigDecimal::new).toList());
  }

  private static Money minor(long amount) {
    return Money.ofMinor(amount);
  }
}
