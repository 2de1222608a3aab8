package dev.tally.domain.invoice;

import dev.tally.domain.account.AccountId;
import dev.tally.domain.time.BillingPeriod;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/** Where invoices are kept: a header per account and period, and the frozen charges once final. */
public interface InvoiceStore {
  /** Creates the draft invoices of these periods that do not exist yet. */
  void ensureDrafts(AccountId accountId, String currency, List<BillingPeriod> periods, Instant now);

  Optional<InvoiceHeader> find(InvoiceId id);

  /** The frozen charges of a finalized or void invoice. */
  Optional<InvoiceContent> content(InvoiceId id);

  /** The account's invoices, newest period first. */
  List<InvoiceHeader> list(AccountId accountId);

  /** The ids of draft invoices whose period ended at or before {@code now}, oldest first. */
  List<InvoiceId> draftsEndedBy(Instant now);

  /**
   * Finalizes one draft exactly once: locks it (skipping it when another run holds it), computes
   * its charges with {@code calculate} and freezes them with the issue and due dates, all in one
   * transaction. Returns false when the invoice was no longer a draft or was locked.
   */
  boolean finalizeDraft(
      InvoiceId id, Instant issuedAt, Function<InvoiceHeader, FinalCharges> calculate);

  /** The frozen charges of an invoice and its due date. */
  record FinalCharges(InvoiceContent content, Instant dueAt) {}
}
