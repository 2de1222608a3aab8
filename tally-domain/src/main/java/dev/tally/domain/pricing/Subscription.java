package dev.tally.domain.pricing;

import dev.tally.domain.account.AccountId;
import java.time.Instant;
import java.util.Objects;

/** An account on a plan over {@code [startsAt, endsAt)}; {@code endsAt} is null while open. */
public record Subscription(
    String id, AccountId accountId, PlanId planId, Instant startsAt, Instant endsAt) {
  public Subscription {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(accountId, "accountId");
    Objects.requireNonNull(planId, "planId");
    Objects.requireNonNull(startsAt, "startsAt");
    if (endsAt != null && !startsAt.isBefore(endsAt)) {
      throw new IllegalArgumentException("a subscription must start before it ends");
    }
  }

  public boolean overlaps(Instant from, Instant to) {
    return startsAt.isBefore(to) && (endsAt == null || endsAt.isAfter(from));
  }
}
