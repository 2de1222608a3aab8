package dev.tally.server.metronome;

import dev.tally.domain.account.Account;
import dev.tally.domain.invoice.AppliedCredit;
import dev.tally.domain.invoice.AppliedDiscount;
import dev.tally.domain.invoice.Invoice;
import dev.tally.domain.invoice.InvoiceContent;
import dev.tally.domain.invoice.InvoiceHeader;
import dev.tally.domain.invoice.InvoiceLine;
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
 * <p>The line items sum to {@code total}: the charges (sum: {@code subtotal}), one item of type
 * {@code discount} per discount and one of type {@code applied_commit_or_credit} per credit grant
 * used (negative totals), and, when the account is taxed, one line of type {@code tax}. A usage
 * line split by a meter's dimensions is one item per set of dimension values, with {@code
 * group_key} and {@code group_value}. A correction for late usage of an earlier period is an item
 * of type {@code usage} named {@code "Correction: <meter>, <yyyy-MM>"} spanning that period.
 */
final class InvoiceView {
  static final String TAX_LINE_TYPE = "tax";
  static final String DISCOUNT_LINE_TYPE = "discount";
  static final String CREDIT_LINE_TYPE = "applied_commit_or_credit";

  private static String lineType(LineKind kind) {
    return switch (kind) {
      case USAGE, CORRECTION -> "usage";
      case SUBSCRIPTION -> "subscription";
      case MINIMUM -> "minimum";
    };
  }

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
    view.put("amount_due", invoice.amountDue().minor());
    view.put("start_timestamp", header.period().start());
    view.put("end_timestamp", header.period().end());
    putIfPresent(view, "issued_at", header.issuedAt());
    putIfPresent(view, "due_at", header.dueAt());
    view.put("created_at", header.createdAt());
    putIfPresent(view, "contract_id", account.contractId());
    view.put("net_payment_terms_days", paymentTermsDays(header, account));
    view.put("invoice_adjustments", invoiceAdjustments(content, creditType));
    view.put("external_invoice", externalInvoice(header));
    view.put("line_items", lineItems(header.period(), content, creditType, skipZeroQuantity));
    return view;
  }

  /** The credits applied, one per credit grant, with negative totals as Metronome shows them. */
  private static List<Map<String, Object>> invoiceAdjustments(
      InvoiceContent content, CreditType creditType) {
    List<Map<String, Object>> adjustments = new ArrayList<>();
    for (AppliedCredit credit : content.credits()) {
      Map<String, Object> adjustment = new LinkedHashMap<>();
      adjustment.put("name", credit.name());
      adjustment.put("total", credit.amount().negate().minor());
      adjustment.put("credit_type", toApi(creditType));
      adjustment.put("credit_grant_id", credit.grantId());
      adjustments.add(adjustment);
    }
    return adjustments;
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
    for (AppliedDiscount discount : content.discounts()) {
      Map<String, Object> item = adjustmentItem(discount.name(), DISCOUNT_LINE_TYPE, period);
      item.put("credit_type", toApi(creditType));
      item.put("total", discount.amount().negate().minor());
      if (discount.meterId() != null) {
        item.put("product_id", discount.meterId().value());
      }
      items.add(item);
    }
    for (AppliedCredit credit : content.credits()) {
      Map<String, Object> item = adjustmentItem(credit.name(), CREDIT_LINE_TYPE, period);
      item.put("credit_type", toApi(creditType));
      item.put("total", credit.amount().negate().minor());
      item.put("applied_commit_or_credit", Map.of("id", credit.grantId(), "type", "CREDIT"));
      items.add(item);
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

  private static Map<String, Object> adjustmentItem(
      String name, String type, BillingPeriod period) {
    Map<String, Object> item = new LinkedHashMap<>();
    item.put("name", name);
    item.put("type", type);
    item.put("starting_at", period.start());
    item.put("ending_before", period.end());
    return item;
  }

  private static Map<String, Object> lineItem(
      InvoiceLine line, BigDecimal quantity, Money total, CreditType creditType) {
    boolean usage = line.kind() == LineKind.USAGE || line.kind() == LineKind.CORRECTION;
    Map<String, Object> item = new LinkedHashMap<>();
    item.put("name", line.title());
    item.put("type", lineType(line.kind()));
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
