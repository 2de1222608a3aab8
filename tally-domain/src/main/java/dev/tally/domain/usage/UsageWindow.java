package dev.tally.domain.usage;

import dev.tally.domain.account.AccountId;
import java.time.Instant;
import java.util.Objects;

/**
 * An account's usage over {@code [from, to)}: what one plan span of an invoice prices. {@code
 * wholePeriod} says that {@code [from, to)} is one of the account's billing periods, whose usage
 * can be read from the period totals kept at ingest.
 */
public record UsageWindow(AccountId accountId, Instant from, Instant to, boolean wholePeriod) {
  public UsageWindow {
    Objects.requireNonNull(accountId, "accountId");
    Objects.requireNonNull(from, "from");
    Objects.requireNonNull(to, "to");
  }
}
