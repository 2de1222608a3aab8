package dev.tally.domain.invoice;

import dev.tally.domain.time.BillingPeriod;
import java.util.List;
import java.util.Objects;

/**
 * A finalized period that took usage after it was finalized: its plan spans with the usage it has
 * now, and what was charged for its usage so far — the usage lines of its finalized invoice and the
 * correction lines for it frozen on later finalized invoices.
 */
public record LatePeriod(BillingPeriod period, List<PlanSpan> spans, List<InvoiceLine> charged) {
  public LatePeriod {
    Objects.requireNonNull(period, "period");
    spans = List.copyOf(spans);
    charged = List.copyOf(charged);
  }
}
