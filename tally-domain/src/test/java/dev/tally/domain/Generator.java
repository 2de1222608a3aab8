package dev.tally.domain;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * Draws one input of a property test from a source of randomness. A lambda over {@link Random} is a
 * generator; the static methods are the small generators that tests combine.
 */
@FunctionalInterface
public interface Generator<T> {
  T next(Random random);

  default <R> Generator<R> map(Function<? super T, ? extends R> mapper) {
    return random -> mapper.apply(next(random));
  }

  /** Lists of {@code minSize} to {@code maxSize} values, both inclusive. */
  default Generator<List<T>> list(int minSize, int maxSize) {
    return random ->
        Stream.generate(() -> next(random)).limit(random.nextInt(minSize, maxSize + 1)).toList();
  }

  /** Values made {@code into} one from a value of {@code first} and one of {@code second}. */
  static <A, B, R> Generator<R> combine(
      Generator<A> first, Generator<B> second, BiFunction<A, B, R> into) {
    return random -> into.apply(first.next(random), second.next(random));
  }

  /** Longs from {@code min} to {@code max}, both inclusive, uniformly. */
  static Generator<Long> longs(long min, long max) {
    BigInteger range = BigInteger.valueOf(max).subtract(BigInteger.valueOf(min));
    return random -> BigInteger.valueOf(min).add(uniform(range, random)).longValueExact();
  }

  /**
   * Decimals from {@code min} to {@code max}, both inclusive, with exactly {@code scale} decimal
   * places. Half of them are spread evenly over orders of magnitude above {@code min}, so tiny
   * values come up as often as large ones.
   */
  static Generator<BigDecimal> decimals(String min, String max, int scale) {
    BigDecimal low = new BigDecimal(min).setScale(scale, RoundingMode.CEILING);
    BigDecimal high = new BigDecimal(max).setScale(scale, RoundingMode.FLOOR);
    BigInteger range = high.unscaledValue().subtract(low.unscaledValue());
    return random -> {
      BigInteger steps =
          random.nextBoolean() ? uniform(range, random) : ofAnyMagnitude(range, random);
      return low.add(new BigDecimal(steps, scale));
    };
  }

  /** Decimals from 0 to {@code max} with anything from 0 to {@code maxScale} decimal places. */
  static Generator<BigDecimal> decimalsUpTo(String max, int maxScale) {
    return random -> decimals("0", max, random.nextInt(maxScale + 1)).next(random);
  }

  /** One of {@code values}, each as likely as the others. */
  @SafeVarargs
  static <T> Generator<T> of(T... values) {
    return random -> values[random.nextInt(values.length)];
  }

  /** A value of one of {@code generators}, each as likely as the others. */
  @SafeVarargs
  static <T> Generator<T> oneOf(Generator<T>... generators) {
    return random -> generators[random.nextInt(generators.length)].next(random);
  }

  /** A value of one of the generators, each chosen as often as its weight (the entry's key). */
  @SafeVarargs
  static <T> Generator<T> frequency(Map.Entry<Integer, Generator<T>>... weighted) {
    int sum = 0;
    for (Map.Entry<Integer, Generator<T>> choice : weighted) {
      if (choice.getKey() <= 0) {
        throw new IllegalArgumentException("weights must be positive");
      }
      sum += choice.getKey();
    }
    int total = sum;
    return random -> {
      int pick = random.nextInt(total);
      for (Map.Entry<Integer, Generator<T>> choice : weighted) {
        pick -= choice.getKey();
        if (pick < 0) {
          return choice.getValue().next(random);
        }
      }
      throw new IllegalStateException("the weights add up to more than pick");
    };
  }

  private static BigInteger uniform(BigInteger max, Random random) {
    return atMost(max, max.bitLength(), random);
  }

  /** A number of at most a uniformly chosen count of bits, from 0 to as many as {@code max}. */
  private static BigInteger ofAnyMagnitude(BigInteger max, Random random) {
    return atMost(max, random.nextInt(max.bitLength() + 1), random);
  }

  private static BigInteger atMost(BigInteger max, int bits, Random random) {
    if (max.signum() < 0) {
      throw new IllegalArgumentException("min must not be greater than max");
    }
    BigInteger value;
    do {
      value = new BigInteger(bits, random);
    } while (value.compareTo(max) > 0);
    return value;
  }
}
