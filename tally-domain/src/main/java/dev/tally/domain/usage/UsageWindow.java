package dev.tally.domain.usage;

import dev.tally.domain.account.AccountId;
import java.time.Instant;
import java.util.Objects;

/** An account's usage over {@code [from, to)}: what one plan span of an invoice prices. */
public record UsageWindow(AccountId accountId, Instant from, Instant to) {
  public UsageWindow {
    Objects.requireNonNull(accountId, "accountId");
    Objects.requireNonNull(from, "from");
    Objects.requireNonNull(to, "to");
  }
}
