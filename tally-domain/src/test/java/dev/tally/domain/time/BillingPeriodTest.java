package dev.tally.domain.time;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class BillingPeriodTest {
  private final BillingPeriod march = period("2026-03-01T00:00:00Z", "2026-04-01T00:00:00Z");

  @Test
  void containsItsStartButNotItsEnd() {
    assertThat(march.contains(at("2026-03-01T00:00:00Z"))).isTrue();
    assertThat(march.contains(at("2026-03-31T23:59:59.999999999Z"))).isTrue();
    assertThat(march.contains(at("2026-04-01T00:00:00Z"))).isFalse();
    assertThat(march.contains(at("2026-02-28T23:59:59.999999999Z"))).isFalse();
  }

  @Test
  void hasEndedOnceItsEndIsReached() {
    assertThat(march.hasEndedBy(at("2026-03-31T23:59:59Z"))).isFalse();
    assertThat(march.hasEndedBy(at("2026-04-01T00:00:00Z"))).isTrue();
  }

  @Test
  void measuresItsLengthInExactTime() {
    assertThat(march.length()).isEqualTo(Duration.ofDays(31));
  }

  @Test
  void intersectsWithASpanThatMayBeOpenOnEitherSide() {
    assertThat(march.intersect(at("2026-03-11T12:00:00Z"), null))
        .isEqualTo(period("2026-03-11T12:00:00Z", "2026-04-01T00:00:00Z"));
    assertThat(march.intersect(null, at("2026-03-16T00:00:00Z")))
        .isEqualTo(period("2026-03-01T00:00:00Z", "2026-03-16T00:00:00Z"));
    assertThat(march.intersect(at("2026-01-01T00:00:00Z"), at("2026-06-01T00:00:00Z")))
        .isEqualTo(march);
  }

  @Test
  void hasNoIntersectionWithASpanThatOnlyTouchesIt() {
    assertThat(march.intersect(at("2026-04-01T00:00:00Z"), null)).isNull();
    assertThat(march.intersect(at("2026-02-01T00:00:00Z"), at("2026-03-01T00:00:00Z"))).isNull();
  }

  @Test
  void rejectsAnEmptyOrBackwardPeriod() {
    assertThatIllegalArgumentException()
        .isThrownBy(() -> period("2026-03-01T00:00:00Z", "2026-03-01T00:00:00Z"));
    assertThatIllegalArgumentException()
        .isThrownBy(() -> period("2026-04-01T00:00:00Z", "2026-03-01T00:00:00Z"));
  }

  private static BillingPeriod period(String start, String end) {
    return new BillingPeriod(at(start), at(end));
  }

  private static Instant at(String instant) {
    return Instant.parse(instant);
  }
}
