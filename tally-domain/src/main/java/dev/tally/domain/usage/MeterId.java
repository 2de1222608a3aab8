package dev.tally.domain.usage;

import java.util.Objects;

/** The id of a meter (billable metric), such as {@code cpu}. */
public record MeterId(String value) {
  public MeterId {
    Objects.requireNonNull(value, "value");
  }

  @Override
  public String toString() {
    return value;
  }
}
