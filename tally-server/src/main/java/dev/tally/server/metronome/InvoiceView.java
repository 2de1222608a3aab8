package dev.tally.server.metronome;

import dev.tally.domain.account.Account;
import dev.tally.domain.invoice.Invoice;
import dev.tally.domain.invoice.InvoiceContent;
import dev.tally.domain.invoice.InvoiceHeader;
import dev.tally.domain.invoice.InvoiceLine;
import dev.tally.domain.invoice.InvoiceStatus;
import dev.tally.domain.invoice.LineGroup;
import dev.tally.domain.invoice.LineKind;
import dev.tally.domain.invoice.Payment;
import dev.tally.domain.money.Money;
import dev.tally.domain.time.BillingPeriod;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Metronome's Invoice object for a Tally invoice: every field of the SDK's {@code Invoice} type
 * that Tally has data for, amounts in minor units (cents), times RFC 3339. Fields Tally has no
 * value for are left out rather than null, as the SDK types them optional; {@code external_invoice}
 * is null, as the SDK allows, until a payment provider reports a status, then {@code
 * {billing_provider_type, external_status, invoice_id?, issued_at_timestamp?}}.
 *
 * <p>The line items sum to {@code total}: the charges (sum: {@code subtotal}) and, when the account
 * is taxed, one line of type {@code tax}. A usage line split by a meter's dimensions is one item
 * per set of dimension values, with {@code group_key} and {@code group_value}.
 */
final class InvoiceView {
  static final String TAX_LINE_TYPE = "tax";

  private InvoiceView() {}

  static Map<String, Object> toApi(Invoice invoice, Account account, boolean skipZeroQuantity) {
    InvoiceHeader header = invoice.header();
    InvoiceContent content = invoice.content();
    CreditType creditType = CreditType.of(header.currency());
    Map<String, Object> view = new LinkedHashMap<>();
    view.put("id", header.id().value());
    view.put("customer_id", header.accountId().value());
    view.put("credit_type", toApi(creditType));
    view.put("status", header.status().name());
    view.put("type", InvoiceQuery.TALLY_TYPE);
    view.put("total", content.total().minor());
    view.put("subtotal", content.subtotal().minor());
    view.put("amount_due", amountDue(header, content).minor());
    view.put("start_timestamp", header.period().start());
    view.put("end_timestamp", header.period().end());
    putIfPresent(view, "issued_at", header.issuedAt());
    putIfPresent(view, "due_at", header.dueAt());
    view.put("created_at", header.createdAt());
    putIfPresent(view, "contract_id", account.contractId());
    view.put("net_payment_terms_days", paymentTermsDays(header, account));
    view.put("invoice_adjustments", List.of());
    view.put("external_invoice", externalInvoice(header));
    view.put("line_items", lineItems(header.period(), content, creditType, skipZeroQuantity));
    return view;
  }

  /**
   * What the customer owes on the invoice: its total (there are no credits yet), and nothing once
   * it is paid or void. A draft shows what it would ask for if it were issued now.
   */
  static Money amountDue(InvoiceHeader header, InvoiceContent content) {
    return header.status() == InvoiceStatus.VOID || header.isPaid() ? Money.ZERO : content.total();
  }

  /** What the payment provider last reported, in Metronome's shape, or null. */
  private static Map<String, Object> externalInvoice(InvoiceHeader header) {
    Payment payment = header.payment();
    if (payment == null) {
      return null;
    }
    Map<String, Object> view = new LinkedHashMap<>();
    view.put("billing_provider_type", payment.provider());
    view.put("external_status", payment.status().name());
    putIfPresent(view, "invoice_id", payment.externalId());
    putIfPresent(view, "issued_at_timestamp", header.issuedAt());
    return view;
  }

  /** The terms the invoice was issued with; for a draft, the account's current terms. */
  private static long paymentTermsDays(InvoiceHeader header, Account account) {
    if (header.issuedAt() != null && header.dueAt() != null) {
      return Duration.between(header.issuedAt(), header.dueAt()).toDays();
    }
    return account.paymentTermsDays();
  }

  private static List<Map<String, Object>> lineItems(
      BillingPeriod period, InvoiceContent content, CreditType creditType, boolean skipZero) {
    List<Map<String, Object>> items = new ArrayList<>();
    for (InvoiceLine line : content.lines()) {
      if (line.groups().isEmpty()) {
        if (!skipZero || line.quantity().signum() != 0) {
          items.add(lineItem(line, line.quantity(), line.total(), creditType));
        }
        continue;
      }
      for (LineGroup group : line.groups()) {
        if (!skipZero || group.quantity().signum() != 0) {
          Map<String, Object> item = lineItem(line, group.quantity(), group.total(), creditType);
          putGroup(item, group.dimensions());
          items.add(item);
        }
      }
    }
    if (content.taxPercent().signum() != 0) {
      Map<String, Object> tax = new LinkedHashMap<>();
      tax.put("name", "Tax (" + content.taxPercent().stripTrailingZeros().toPlainString() + "%)");
      tax.put("type", TAX_LINE_TYPE);
      tax.put("credit_type", toApi(creditType));
      tax.put("total", content.tax().minor());
      tax.put("starting_at", period.start());
      tax.put("ending_before", period.end());
      items.add(tax);
    }
    return items;
  }

  private static Map<String, Object> lineItem(
      InvoiceLine line, BigDecimal quantity, Money total, CreditType creditType) {
    boolean usage = line.kind() == LineKind.USAGE;
    Map<String, Object> item = new LinkedHashMap<>();
    item.put("name", line.title());
    item.put("type", usage ? "usage" : "subscription");
    item.put("credit_type", toApi(creditType));
    item.put("quantity", plain(quantity));
    putIfPresent(item, "unit_price", line.unitPrice() == null ? null : plain(line.unitPrice()));
    item.put("total", total.minor());
    item.put("starting_at", line.span().start());
    item.put("ending_before", line.span().end());
    if (usage && line.meterId() != null) {
      item.put("product_id", line.meterId().value());
      item.put("product_type", "UsageProductListItem");
    } else if (!usage && line.planId() != null) {
      item.put("product_id", line.planId().value());
      item.put("product_type", "SubscriptionProductListItem");
    }
    if (!usage) {
      item.put("is_prorated", !line.proration().isZero());
    }
    return item;
  }

  /**
   * Names the group of a split line: {@code group_key} is the dimension (several are joined by
   * commas, in name order, as are their values), {@code group_value} its value (null when the
   * events did not carry it; Tally keeps such usage under the value ""), and {@code
   * presentation_group_values} all of them by name.
   */
  private static void putGroup(Map<String, Object> item, Map<String, String> dimensions) {
    Map<String, String> sorted = new TreeMap<>(dimensions);
    boolean carried = sorted.values().stream().anyMatch(value -> !value.isEmpty());
    item.put("group_key", String.join(",", sorted.keySet()));
    item.put("group_value", carried ? String.join(",", sorted.values()) : null);
    Map<String, String> values = new LinkedHashMap<>();
    sorted.forEach((name, given) -> values.put(name, given.isEmpty() ? null : given));
    item.put("presentation_group_values", values);
  }

  private static Map<String, Object> toApi(CreditType creditType) {
    Map<String, Object> view = new LinkedHashMap<>();
    view.put("id", creditType.id());
    view.put("name", creditType.name());
    return view;
  }

  private static BigDecimal plain(BigDecimal number) {
    return number.signum() == 0 ? BigDecimal.ZERO : number.stripTrailingZeros();
  }

  private static void putIfPresent(Map<String, Object> view, String key, Object value) {
    if (value != null) {
      view.put(key, value);
    }
  }
}
