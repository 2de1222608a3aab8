package dev.tally.domain.invoice;

import dev.tally.domain.pricing.Plan;
import dev.tally.domain.time.BillingPeriod;
import dev.tally.domain.usage.UsageTotal;
import java.util.List;
import java.util.Objects;

/** The part of a billing period an account spent on one plan, with its usage in that part. */
public record PlanSpan(Plan plan, BillingPeriod span, List<UsageTotal> usage) {
  public PlanSpan {
    Objects.requireNonNull(plan, "plan");
    Objects.requireNonNull(span, "span");
    usage = List.copyOf(usage);
  }
}
