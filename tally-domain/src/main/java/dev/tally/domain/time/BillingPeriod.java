package dev.tally.domain.time;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/** A half-open interval of time {@code [start, end)} that one invoice covers. */
public record BillingPeriod(Instant start, Instant end) {
  public BillingPeriod {
    Objects.requireNonNull(start, "start");
    Objects.requireNonNull(end, "end");
    if (!start.isBefore(end)) {
      throw new IllegalArgumentException(
          "period start must be before its end: " + start + ", " + end);
    }
  }

  public boolean contains(Instant instant) {
    return !instant.isBefore(start) && instant.isBefore(end);
  }

  public boolean hasEndedBy(Instant instant) {
    return !end.isAfter(instant);
  }

  public Duration length() {
    return Duration.between(start, end);
  }

  /** The part of this period that {@code [from, to)} covers, or null when they do not overlap. */
  public BillingPeriod intersect(Instant from, Instant to) {
    Instant overlapStart = from == null || from.isBefore(start) ? start : from;
    Instant overlapEnd = to == null || to.isAfter(end) ? end : to;
    return overlapStart.isBefore(overlapEnd) ? new BillingPeriod(overlapStart, overlapEnd) : null;
  }
}
