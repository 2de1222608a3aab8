package dev.tally.domain;

import java.util.Random;
import java.util.SplittableRandom;
import java.util.function.Consumer;

/** Checks a property of the domain on many generated inputs, each drawn from its own seed. */
public final class PropertyCheck {
  private PropertyCheck() {}

  /**
   * Checks {@code property} on {@code tries} inputs of {@code inputs}. Try {@code i} draws its
   * input from the seed {@code seed + i}, so a failure names that seed and {@code forAll(thatSeed,
   * 1, ...)} replays just the failing input.
   */
  public static <T> void forAll(
      long seed, int tries, Generator<T> inputs, Consumer<? super T> property) {
    for (int i = 0; i < tries; i++) {
      long trySeed = seed + i;
      // Random gives nearly the same first values for consecutive seeds: mix each seed first.
      Random random = new Random(new SplittableRandom(trySeed).nextLong());
      Object shown = "(none: generating it failed)";
      try {
        T input = inputs.next(random);
        shown = input;
        property.accept(input);
      } catch (AssertionError | RuntimeException failure) {
        throw new AssertionError(
            String.format(
                "Property failed on try %d of %d tries: seed %d = base seed %d + %d,"
                    + " forAll(%d, 1, ...) replays it%ninput: %s%n%s",
                i, tries, trySeed, seed, i, trySeed, shown, failure.getMessage()),
            failure);
      }
    }
  }
}
