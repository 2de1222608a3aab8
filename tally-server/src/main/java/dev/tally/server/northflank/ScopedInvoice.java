package dev.tally.server.northflank;

import dev.tally.domain.invoice.Breakdown.TeamUsage;
import dev.tally.domain.invoice.ByocPrice;
import dev.tally.domain.invoice.InvoiceLine;
import dev.tally.domain.invoice.PaasPrice;
import dev.tally.domain.money.Money;
import java.math.BigDecimal;
import java.util.List;
import java.util.Objects;

/**
 * What an {@link InvoiceScope} sees of an invoice, amounts in minor units: the PaaS teams and their
 * sum, the BYOC total, the line items outside the breakdown, and the totals. {@code subTotal =
 * paas.total + byoc.total + Σ lineItems}; {@code total = subTotal − discount + tax}. Northflank has
 * no field for credits, so {@code discount} is the invoice's discounts plus its credits.
 */
record ScopedInvoice(
    List<TeamUsage> teams,
    PaasPrice paas,
    ByocPrice byoc,
    List<InvoiceLine> lineItems,
    Money subTotal,
    Money discount,
    BigDecimal taxPercent,
    Money tax) {
  ScopedInvoice {
    teams = List.copyOf(teams);
    Objects.requireNonNull(paas, "paas");
    Objects.requireNonNull(byoc, "byoc");
    lineItems = List.copyOf(lineItems);
    Objects.requireNonNull(subTotal, "subTotal");
    Objects.requireNonNull(discount, "discount");
    Objects.requireNonNull(taxPercent, "taxPercent");
    Objects.requireNonNull(tax, "tax");
  }

  Money total() {
    return subTotal.minus(discount).plus(tax);
  }
}
