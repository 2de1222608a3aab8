package dev.tally.domain.invoice;

import dev.tally.domain.account.AccountId;
import dev.tally.domain.time.BillingPeriod;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * Where invoices are kept: headers per account and period (at most one of them not void), and the
 * frozen charges once final.
 */
public interface InvoiceStore {
  /**
   * Creates the drafts of these (account, period) pairs that have no invoice at all yet, created
   * {@code now}. Any number of pairs: they are written in large set-based statements.
   */
  void ensureDrafts(List<NewDraft> drafts, Instant now);

  Optional<InvoiceHeader> find(InvoiceId id);

  /** The frozen charges of a finalized or void invoice. */
  Optional<InvoiceContent> content(InvoiceId id);

  /** The account's invoices, newest period first (then by id, descending). */
  List<InvoiceHeader> list(AccountId accountId);

  /**
   * {@link #list} with the totals frozen with each final or void invoice (null for drafts), in one
   * read that parses no charges.
   */
  List<ListedInvoice> listWithTotals(AccountId accountId);

  /**
   * {@link #listWithTotals} with what was read beside it in the same statement, so from the same
   * snapshot: the account's revision (the part of {@link #draftVersion} that the account, its tree,
   * subscriptions, discounts and credit grants raise) and the {@link #draftVersion} itself. Both
   * are null when the account has no invoices.
   */
  Listing listing(AccountId accountId);

  /** What {@link #listing} reads: the invoices, and the revision and version read with them. */
  record Listing(List<ListedInvoice> invoices, Long revision, DraftVersion version) {
    public Listing {
      invoices = List.copyOf(invoices);
    }
  }

  /**
   * The version of what the account's drafts are drawn from: it changes whenever the account, its
   * tree, subscriptions, discounts, credit grants, usage (any period) or the state of any of its
   * invoices (whether it is paid included) changes, whichever node made the change. Plans and
   * meters never change.
   */
  DraftVersion draftVersion(AccountId accountId);

  /** The draft invoices whose period ended at or before {@code cutoff}, oldest period first. */
  List<InvoiceHeader> draftsEndedBy(Instant cutoff);

  /**
   * Finalizes one draft exactly once: locks it (skipping it when another run holds it), computes
   * its charges with {@code calculate}, gives it the account's next invoice number and freezes it
   * with the issue and due dates, all in one transaction. Returns false when the invoice was no
   * longer a draft or was locked.
   */
  boolean finalizeDraft(
      InvoiceId id, Instant issuedAt, Function<InvoiceHeader, FinalCharges> calculate);

  /**
   * Finalizes several drafts, each exactly once, in one transaction: locks those of {@code ids}
   * that are still drafts (skipping any another transaction holds) and the credit grants of their
   * accounts, computes their charges with {@code calculate} (which may leave some out: they stay
   * drafts), gives each the next invoice number of its account and freezes it with the issue and
   * due dates, and writes the credit they consume. {@code ids} must name at most one invoice per
   * account, so that an invoice's credit balance never depends on another of the same call (an
   * {@link IllegalArgumentException} otherwise, before anything is written). Returns the ids
   * finalized; on any other failure nothing is.
   */
  List<InvoiceId> finalizeDrafts(
      List<InvoiceId> ids,
      Instant issuedAt,
      Function<List<InvoiceHeader>, Map<InvoiceId, FinalCharges>> calculate);

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

  /** A draft to create: the account's invoice of {@code period}, in its currency. */
  record NewDraft(AccountId accountId, String currency, BillingPeriod period) {}

  /** The frozen charges of an invoice and its due date. */
  record FinalCharges(InvoiceContent content, Instant dueAt) {}
}
