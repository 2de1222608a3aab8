package dev.tally.domain.invoice;

import dev.tally.domain.money.Money;
import java.util.Objects;

/** An invoice with its charges: computed live for a draft, as frozen for a final invoice. */
public record Invoice(InvoiceHeader header, InvoiceContent content) {
  public Invoice {
    Objects.requireNonNull(header, "header");
    Objects.requireNonNull(content, "content");
  }

  public InvoiceId id() {
    return header.id();
  }

  public InvoiceStatus status() {
    return header.status();
  }

  /**
   * What the customer owes: the total (after discounts and credits, with tax), and nothing once the
   * invoice is paid or void. A draft shows what it would ask for if it were issued now.
   */
  public Money amountDue() {
    return header.status() == InvoiceStatus.VOID || header.isPaid() ? Money.ZERO : content.total();
  }
}
