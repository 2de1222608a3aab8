package dev.tally.domain.usage;

import dev.tally.domain.time.BillingPeriod;
import java.util.List;
import java.util.Objects;

/**
 * A valid event ready to be stored: its place in the batch, the billing period it lands in, the
 * currency of that period's invoice, and its contributions to the meters it matches.
 */
public record MeteredEvent(
    int index,
    UsageEvent event,
    BillingPeriod period,
    String currency,
    List<Contribution> contributions) {
  public MeteredEvent {
    Objects.requireNonNull(event, "event");
    Objects.requireNonNull(period, "period");
    Objects.requireNonNull(currency, "currency");
    contributions = List.copyOf(contributions);
  }
}
