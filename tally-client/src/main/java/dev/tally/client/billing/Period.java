package dev.tally.client.billing;

import java.time.Instant;

/** A billing period {@code [start, end)} in unix seconds, as the Northflank routes write it. */
public record Period(long start, long end) {
  /** The start as an instant. */
  public Instant startInstant() {
    return Instant.ofEpochSecond(start);
  }

  /** The end (exclusive) as an instant. */
  public Instant endInstant() {
    return Instant.ofEpochSecond(end);
  }
}
