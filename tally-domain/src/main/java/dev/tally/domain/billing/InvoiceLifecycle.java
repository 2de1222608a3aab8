package dev.tally.domain.billing;

import dev.tally.domain.error.Conflict;
import dev.tally.domain.error.NotFound;
import dev.tally.domain.invoice.InvoiceHeader;
import dev.tally.domain.invoice.InvoiceId;
import dev.tally.domain.invoice.InvoiceStatus;
import dev.tally.domain.invoice.InvoiceStore;
import dev.tally.domain.invoice.Payment;
import dev.tally.domain.invoice.PaymentStatus;
import java.time.Clock;
import java.time.Instant;
import java.util.Objects;

/**
 * What happens to an invoice after it is issued: voiding it with a reason, regenerating a void
 * invoice's period, and recording what a payment provider says about it (docs/billing.md).
 */
public final class InvoiceLifecycle {
  private final InvoiceStore invoices;
  private final BillingRun billingRun;
  private final Clock clock;

  public InvoiceLifecycle(InvoiceStore invoices, BillingRun billingRun, Clock clock) {
    this.invoices = Objects.requireNonNull(invoices, "invoices");
    this.billingRun = Objects.requireNonNull(billingRun, "billingRun");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /**
   * Voids a finalized invoice that is not paid. As with Stripe, only finalized invoices are voided:
   * a draft is still being drawn and has nothing to take back.
   */
  public InvoiceHeader voidInvoice(InvoiceId id, String reason) {
    Objects.requireNonNull(reason, "reason");
    InvoiceHeader header = header(id);
    if (header.status() != InvoiceStatus.FINALIZED) {
      throw new Conflict(
          "only a finalized invoice can be voided; invoice " + id + " is " + header.status());
    }
    if (header.isPaid()) {
      throw new Conflict("invoice " + id + " is paid; a paid invoice cannot be voided");
    }
    if (!invoices.markVoid(id, reason, clock.instant())) {
      throw new Conflict("invoice " + id + " changed meanwhile; read it again");
    }
    return header(id);
  }

  /**
   * A new invoice for the period of the void invoice {@code id}, recording which one it replaces:
   * finalized at once when the period and its grace period are over, a draft otherwise.
   */
  public InvoiceHeader regenerate(InvoiceId id) {
    InvoiceHeader voided = header(id);
    if (voided.status() != InvoiceStatus.VOID) {
      throw new Conflict(
          "only a void invoice can be regenerated; invoice " + id + " is " + voided.status());
    }
    Instant now = clock.instant();
    InvoiceId created =
        invoices
            .createReplacement(voided, now)
            .orElseThrow(
                () ->
                    new Conflict(
                        "the period of invoice "
                            + id
                            + " already has an invoice that is not void"));
    if (billingRun.isDue(voided.period(), now)) {
      billingRun.finalize(created, now);
    }
    return header(created);
  }

  /** Records a payment provider's report; a draft or void invoice takes no payment. */
  public InvoiceHeader recordPayment(
      InvoiceId id, String provider, PaymentStatus status, String externalId) {
    InvoiceHeader header = header(id);
    if (header.status() != InvoiceStatus.FINALIZED) {
      throw new Conflict(
          "only a finalized invoice takes a payment status; invoice "
              + id
              + " is "
              + header.status());
    }
    invoices.recordPayment(id, new Payment(provider, status, externalId, clock.instant()));
    return header(id);
  }

  private InvoiceHeader header(InvoiceId id) {
    return invoices.find(id).orElseThrow(() -> new NotFound("invoice", id.value()));
  }
}
