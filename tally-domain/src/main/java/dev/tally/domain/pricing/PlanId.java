package dev.tally.domain.pricing;

import java.util.Objects;

/** The id of a plan. */
public record PlanId(String value) {
  public PlanId {
    Objects.requireNonNull(value, "value");
  }

  @Override
  public String toString() {
    return value;
  }
}
