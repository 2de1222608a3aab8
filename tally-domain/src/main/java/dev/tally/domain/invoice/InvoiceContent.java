package dev.tally.domain.invoice;

import dev.tally.domain.money.Money;
import java.math.BigDecimal;
import java.util.List;
import java.util.Objects;

/**
 * What an invoice charges: its lines, the breakdown of their usage, and the totals. {@code
 * subtotal} is the sum of the lines, {@code tax} the account's percent of it rounded by the one
 * rule, {@code total = subtotal + tax}.
 */
public record InvoiceContent(
    List<InvoiceLine> lines,
    Breakdown breakdown,
    Money subtotal,
    BigDecimal taxPercent,
    Money tax,
    Money total) {
  public InvoiceContent {
    lines = List.copyOf(lines);
    Objects.requireNonNull(breakdown, "breakdown");
    Objects.requireNonNull(subtotal, "subtotal");
    Objects.requireNonNull(taxPercent, "taxPercent");
    Objects.requireNonNull(tax, "tax");
    Objects.requireNonNull(total, "total");
  }
}
