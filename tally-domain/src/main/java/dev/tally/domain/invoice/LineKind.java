package dev.tally.domain.invoice;

/** What an invoice line charges for. */
public enum LineKind {
  /** Metered usage priced by the plan. */
  USAGE,
  /** The plan's recurring fee. */
  SUBSCRIPTION
}
