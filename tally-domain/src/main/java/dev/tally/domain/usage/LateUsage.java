package dev.tally.domain.usage;

/**
 * What ingest does with usage for a period whose invoice is already finalized (docs/billing.md).
 */
public enum LateUsage {
  /** Refuse the batch with a 400 naming each such event and the finalized invoice. */
  REJECT,
  /**
   * Accept it into its own hour and bill it as a correction line on the account's next invoice to
   * be issued; the finalized invoice never changes.
   */
  CORRECT
}
