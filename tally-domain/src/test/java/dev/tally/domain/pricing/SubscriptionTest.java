package dev.tally.domain.pricing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import dev.tally.domain.account.AccountId;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class SubscriptionTest {
  private static final Instant MARCH = Instant.parse("2026-03-01T00:00:00Z");
  private static final Instant APRIL = Instant.parse("2026-04-01T00:00:00Z");
  private static final Instant MAY = Instant.parse("2026-05-01T00:00:00Z");

  @Test
  void anOpenSubscriptionOverlapsEverySpanAfterItsStart() {
    Subscription open = subscription(MARCH, null);

    assertThat(open.overlaps(APRIL, MAY)).isTrue();
    assertThat(open.overlaps(Instant.parse("2026-02-01T00:00:00Z"), MARCH)).isFalse();
  }

  @Test
  void overlapsHalfOpen() {
    Subscription march = subscription(MARCH, APRIL);

    assertThat(march.overlaps(APRIL, MAY)).isFalse();
    assertThat(march.overlaps(Instant.parse("2026-03-31T23:59:59Z"), MAY)).isTrue();
  }

  @Test
  void mustStartBeforeItEnds() {
    assertThatIllegalArgumentException().isThrownBy(() -> subscription(APRIL, APRIL));
  }

  private static Subscription subscription(Instant startsAt, Instant endsAt) {
    return new Subscription("sub-1", new AccountId("acme"), new PlanId("team"), startsAt, endsAt);
  }
}
