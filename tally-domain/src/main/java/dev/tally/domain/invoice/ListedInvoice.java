package dev.tally.domain.invoice;

import java.util.Objects;

/**
 * An invoice as a list shows it: its header, and the totals frozen with its charges, or null for a
 * draft (whose charges are drawn live).
 */
public record ListedInvoice(InvoiceHeader header, InvoiceTotals frozenTotals) {
  public ListedInvoice {
    Objects.requireNonNull(header, "header");
  }
}
