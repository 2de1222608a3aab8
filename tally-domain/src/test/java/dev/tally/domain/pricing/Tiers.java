package dev.tally.domain.pricing;

import java.math.BigDecimal;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.provider.Arguments;

/** Short ways to write the tiers of the tiered price tests, and tier lists no model accepts. */
final class Tiers {
  private Tiers() {}

  /** A tier of units up to and including {@code upTo}, at {@code unitPrice} minor units each. */
  static Tier upTo(String upTo, String unitPrice) {
    return new Tier(new BigDecimal(upTo), new BigDecimal(unitPrice));
  }

  /** The last, open tier. */
  static Tier above(String unitPrice) {
    return new Tier(null, new BigDecimal(unitPrice));
  }

  /** The first 100 at 10, the next 900 at 8, everything above 1000 at 5. */
  static List<Tier> tenEightFive() {
    return List.of(upTo("100", "10"), upTo("1000", "8"), above("5"));
  }

  /** Tier lists that break the rules every tiered model checks, with the reason. */
  static Stream<Arguments> invalidLists() {
    return Stream.of(
        Arguments.of("no tiers", List.of(), "at least one tier"),
        Arguments.of(
            "last tier closed", List.of(upTo("100", "10"), upTo("200", "8")), "open-ended"),
        Arguments.of("open tier first", List.of(above("10"), upTo("100", "8")), "open-ended"),
        Arguments.of(
            "two open tiers", List.of(upTo("1", "3"), above("10"), above("8")), "open-ended"),
        Arguments.of(
            "equal bounds",
            List.of(upTo("100", "10"), upTo("100.0", "8"), above("5")),
            "must increase"),
        Arguments.of(
            "falling bounds",
            List.of(upTo("100", "10"), upTo("99.999", "8"), above("5")),
            "must increase"));
  }
}
