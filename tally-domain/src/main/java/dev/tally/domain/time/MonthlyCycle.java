package dev.tally.domain.time;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Monthly billing periods that start on the anchor's day of month and time of day, in UTC. Period n
 * starts at anchor + n months, always counted from the anchor so that a short month never moves
 * later periods: an anchor on the 31st gives periods starting Jan 31, Feb 28 (29), Mar 31, ...
 */
public record MonthlyCycle(Instant anchor) {
  public MonthlyCycle {
    Objects.requireNonNull(anchor, "anchor");
  }

  public BillingPeriod periodContaining(Instant instant) {
    LocalDateTime anchorTime = LocalDateTime.ofInstant(anchor, ZoneOffset.UTC);
    long index =
        ChronoUnit.MONTHS.between(anchorTime, LocalDateTime.ofInstant(instant, ZoneOffset.UTC));
    while (start(index + 1).compareTo(instant) <= 0) {
      index++;
    }
    while (start(index).isAfter(instant)) {
      index--;
    }
    return new BillingPeriod(start(index), start(index + 1));
  }

  /** Every period that overlaps {@code [from, to)}, oldest first. */
  public List<BillingPeriod> periodsOverlapping(Instant from, Instant to) {
    List<BillingPeriod> periods = new ArrayList<>();
    BillingPeriod period = periodContaining(from);
    while (period.start().isBefore(to)) {
      periods.add(period);
      period = periodContaining(period.end());
    }
    return periods;
  }

  private Instant start(long index) {
    return LocalDateTime.ofInstant(anchor, ZoneOffset.UTC)
        .plusMonths(index)
        .toInstant(ZoneOffset.UTC);
  }
}
