package dev.tally.domain.invoice;

/** What an invoice line charges for. */
public enum LineKind {
  /** Metered usage priced by the plan. */
  USAGE,
  /** The plan's recurring fee. */
  SUBSCRIPTION,
  /** What is missing to reach the plan's minimum spend over its span. */
  MINIMUM
}
