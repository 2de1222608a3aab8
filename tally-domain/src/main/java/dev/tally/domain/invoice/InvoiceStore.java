package dev.tally.domain.invoice;

import dev.tally.domain.account.AccountId;
import dev.tally.domain.time.BillingPeriod;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * Where invoices are kept: headers per account and period (at most one of them not void), and the
 * frozen charges once final.
 */
public interface InvoiceStore {
  /** Creates the draft invoices of these periods that have no invoice at all yet. */
  void ensureDrafts(AccountId accountId, String currency, List<BillingPeriod> periods, Instant now);

  Optional<InvoiceHeader> find(InvoiceId id);

  /** The frozen charges of a finalized or void invoice. */
  Optional<InvoiceContent> content(InvoiceId id);

  /** The account's invoices, newest period first (then by id, descending). */
  List<InvoiceHeader> list(AccountId accountId);

  /** The ids of draft invoices whose period ended at or before {@code cutoff}, oldest first. */
  List<InvoiceId> draftsEndedBy(Instant cutoff);

  /**
   * Finalizes one draft exactly once: locks it (skipping it when another run holds it), computes
   * its charges with {@code calculate}, gives it the account's next invoice number and freezes it
   * with the issue and due dates, all in one transaction. Returns false when the invoice was no
   * longer a draft or was locked.
   */
  boolean finalizeDraft(
      InvoiceId id, Instant issuedAt, Function<InvoiceHeader, FinalCharges> calculate);

  /** Voids a finalized, unpaid invoice; false when it is not (any longer) such an invoice. */
  boolean markVoid(InvoiceId id, String reason, Instant now);

  /**
   * Creates a draft for the period of the void invoice {@code voided} that records it replaces it.
   * Empty when the period already has an invoice that is not void.
   */
  Optional<InvoiceId> createReplacement(InvoiceHeader voided, Instant now);

  /**
   * Records a payment provider's status of an invoice; {@code PAID} sets its paid time (kept when
   * it was paid already), any other status clears it.
   */
  void recordPayment(InvoiceId id, Payment payment);

  /** The frozen charges of an invoice and its due date. */
  record FinalCharges(InvoiceContent content, Instant dueAt) {}
}
