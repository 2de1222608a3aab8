package dev.tally.domain.invoice;

/** Where an invoice is in its life: live draft, immutable final, or voided. */
public enum InvoiceStatus {
  DRAFT,
  FINALIZED,
  VOID
}
