package dev.tally.domain.invoice;

/**
 * A payment provider's status of an invoice, named as Metronome's {@code external_status}. Only
 * {@link #PAID} makes an invoice paid.
 */
public enum PaymentStatus {
  DRAFT,
  FINALIZED,
  PAID,
  PAYMENT_FAILED,
  UNCOLLECTIBLE,
  VOID,
  DELETED,
  UNCOLLECTED
}
