package dev.tally.domain.invoice;

/** What an invoice line charges for. */
public enum LineKind {
  /** Metered usage priced by the plan. */
  USAGE,
  /** The plan's recurring fee. */
  SUBSCRIPTION,
  /** What is missing to reach the plan's minimum spend over its span. */
  MINIMUM,
  /**
   * Usage of an earlier, finalized period that arrived after it was finalized: what that period's
   * usage of one meter costs now less what was already charged for it (docs/billing.md).
   */
  CORRECTION
}
