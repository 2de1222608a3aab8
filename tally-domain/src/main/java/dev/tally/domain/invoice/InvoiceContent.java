package dev.tally.domain.invoice;

import dev.tally.domain.money.Money;
import java.math.BigDecimal;
import java.util.List;
import java.util.Objects;

/**
 * What an invoice charges: its lines, the breakdown of their usage, the discounts and credits
 * applied, and the totals. {@code subtotal} is the sum of the lines, {@code tax} the account's
 * percent of {@code subtotal − discounts − credits} rounded by the one rule, and {@code total =
 * subtotal − discounts − credits + tax}, which is also the amount due. Charges frozen before
 * discounts and credits existed read with none ({@code discounts} and {@code credits} null become
 * empty).
 */
public record InvoiceContent(
    List<InvoiceLine> lines,
    Breakdown breakdown,
    Money subtotal,
    BigDecimal taxPercent,
    Money tax,
    Money total,
    List<AppliedDiscount> discounts,
    List<AppliedCredit> credits) {
  public InvoiceContent {
    lines = List.copyOf(lines);
    Objects.requireNonNull(breakdown, "breakdown");
    Objects.requireNonNull(subtotal, "subtotal");
    Objects.requireNonNull(taxPercent, "taxPercent");
    Objects.requireNonNull(tax, "tax");
    Objects.requireNonNull(total, "total");
    discounts = discounts == null ? List.of() : List.copyOf(discounts);
    credits = credits == null ? List.of() : List.copyOf(credits);
  }

  /** Charges without discounts or credits. */
  public InvoiceContent(
      List<InvoiceLine> lines,
      Breakdown breakdown,
      Money subtotal,
      BigDecimal taxPercent,
      Money tax,
      Money total) {
    this(lines, breakdown, subtotal, taxPercent, tax, total, List.of(), List.of());
  }

  /** The sum of the discounts applied, positive. */
  public Money discountTotal() {
    return Money.sum(discounts.stream().map(AppliedDiscount::amount).toList());
  }

  /** The sum of the credits applied, positive. */
  public Money creditTotal() {
    return Money.sum(credits.stream().map(AppliedCredit::amount).toList());
  }

  /** What tax is charged on: {@code subtotal − discounts − credits}. */
  public Money taxable() {
    return subtotal.minus(discountTotal()).minus(creditTotal());
  }
}
