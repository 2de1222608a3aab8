package dev.tally.domain.usage;

/** How a meter turns the events it counts into a quantity for a billing period. */
public enum Aggregation {
  /** The sum of the value property. */
  SUM,
  /** The number of events. */
  COUNT,
  /** The largest value of the value property. */
  MAX,
  /** The number of distinct values of the value property. */
  UNIQUE_COUNT;

  public boolean needsValueProperty() {
    return this != COUNT;
  }
}
