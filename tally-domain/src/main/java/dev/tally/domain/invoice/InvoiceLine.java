package dev.tally.domain.invoice;

import dev.tally.domain.money.Money;
import dev.tally.domain.pricing.PlanId;
import dev.tally.domain.time.BillingPeriod;
import dev.tally.domain.usage.InvoiceCategory;
import dev.tally.domain.usage.MeterId;
import java.math.BigDecimal;
import java.util.List;
import java.util.Objects;

/**
 * One charge on an invoice. {@code base} is the amount before proration and {@code proration} the
 * (usually negative) adjustment, so {@code total = base + proration}. {@code meterId}, {@code
 * category} and {@code unitPrice} are null where they do not apply (a fee; a tiered price; a
 * correction has no unit price). A {@link LineKind#CORRECTION} line's {@code span} is the whole
 * earlier period it corrects, and its {@code quantity} the usage of that period not billed before.
 */
public record InvoiceLine(
    String title,
    LineKind kind,
    PlanId planId,
    MeterId meterId,
    InvoiceCategory category,
    BillingPeriod span,
    BigDecimal quantity,
    BigDecimal unitPrice,
    Money base,
    Money proration,
    Money total,
    List<LineGroup> groups) {
  public InvoiceLine {
    Objects.requireNonNull(title, "title");
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(span, "span");
    Objects.requireNonNull(quantity, "quantity");
    Objects.requireNonNull(base, "base");
    Objects.requireNonNull(proration, "proration");
    Objects.requireNonNull(total, "total");
    groups = List.copyOf(groups);
    if (base.plus(proration).compareTo(total) != 0) {
      throw new IllegalArgumentException("total must equal base + proration");
    }
  }
}
