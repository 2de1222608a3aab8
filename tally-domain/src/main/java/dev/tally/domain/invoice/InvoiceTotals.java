package dev.tally.domain.invoice;

import dev.tally.domain.money.Money;
import java.math.BigDecimal;
import java.util.Objects;

/**
 * The totals of an invoice's charges, as a list of invoices shows them: {@code total = subtotal −
 * discounts − credits + tax}. Frozen with a final invoice's charges, so that a list reads them
 * without its content.
 */
public record InvoiceTotals(
    Money subtotal, Money discounts, Money credits, BigDecimal taxPercent, Money tax, Money total) {
  public InvoiceTotals {
    Objects.requireNonNull(subtotal, "subtotal");
    Objects.requireNonNull(discounts, "discounts");
    Objects.requireNonNull(credits, "credits");
    Objects.requireNonNull(taxPercent, "taxPercent");
    Objects.requireNonNull(tax, "tax");
    Objects.requireNonNull(total, "total");
  }

  public static InvoiceTotals of(InvoiceContent content) {
    return new InvoiceTotals(
        content.subtotal(),
        content.discountTotal(),
        content.creditTotal(),
        content.taxPercent(),
        content.tax(),
        content.total());
  }
}
