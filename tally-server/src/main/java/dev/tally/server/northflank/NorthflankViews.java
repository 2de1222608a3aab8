package dev.tally.server.northflank;

import dev.tally.domain.invoice.Breakdown.ProjectUsage;
import dev.tally.domain.invoice.Breakdown.ResourceTypeUsage;
import dev.tally.domain.invoice.Breakdown.ResourceUsage;
import dev.tally.domain.invoice.Breakdown.TeamUsage;
import dev.tally.domain.invoice.ByocPrice;
import dev.tally.domain.invoice.InvoiceHeader;
import dev.tally.domain.invoice.InvoiceLine;
import dev.tally.domain.invoice.PaasPrice;
import dev.tally.domain.money.Money;
import dev.tally.domain.time.BillingPeriod;
import dev.tally.server.http.WireJson;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The Northflank wire shapes of invoices: camelCase, amounts as whole minor units (cents), periods
 * in unix seconds, currency codes in lower case. The details endpoint and get-invoice name some
 * fields differently ({@code tax.value} and {@code discount} against {@code tax.amount} and {@code
 * discounts.total}), as their documents do.
 */
final class NorthflankViews {
  private NorthflankViews() {}

  /** An item of the invoice list. */
  static Map<String, Object> listItem(InvoiceHeader header, ScopedInvoice invoice) {
    return listItem(header, invoice.subTotal(), invoice.total());
  }

  /** An item of the invoice list, from the invoice's subtotal and total. */
  static Map<String, Object> listItem(InvoiceHeader header, Money subTotal, Money total) {
    Map<String, Object> view = new LinkedHashMap<>();
    view.put("id", header.id().value());
    view.put("period", period(header.period()));
    view.put("currency", currency(header));
    view.put("total", total.minor());
    view.put("subTotal", subTotal.minor());
    view.put("paid", paid(header));
    return view;
  }

  /**
   * The details of an invoice (spec 002); {@code paid} only when the caller asked by timestamp.
   * Prices carry {@code gpu} beside the documented cpu, memory and storage, so that the categories
   * of every price add up to its total.
   */
  static Map<String, Object> details(
      InvoiceHeader header, ScopedInvoice invoice, boolean withPaid) {
    Map<String, Object> view = new LinkedHashMap<>();
    view.put("period", period(header.period()));
    if (withPaid) {
      view.put("paid", paid(header));
    }
    view.put("byocUsage", Map.of("price", price(invoice.byoc())));
    List<Map<String, Object>> teams = new ArrayList<>();
    for (TeamUsage team : invoice.teams()) {
      List<Map<String, Object>> projects = new ArrayList<>();
      for (ProjectUsage project : team.projects()) {
        projects.add(WireJson.object("id", project.id(), "price", price(project.price())));
      }
      teams.add(
          WireJson.object(
              "id",
              team.id(),
              "name",
              team.name(),
              "usage",
              WireJson.object("price", price(team.price()), "projects", projects)));
    }
    view.put("paasUsage", WireJson.object("price", price(invoice.paas()), "teams", teams));
    view.put(
        "lineItems",
        invoice.lineItems().stream()
            .map(line -> WireJson.object("title", line.title(), "total", line.total().minor()))
            .toList());
    view.put("subTotal", invoice.subTotal().minor());
    view.put("discount", invoice.discount().minor());
    view.put("tax", WireJson.object("percent", percent(invoice), "value", invoice.tax().minor()));
    view.put("total", invoice.total().minor());
    return view;
  }

  /** One invoice with its whole breakdown tree (spec 003). */
  static Map<String, Object> invoice(InvoiceHeader header, ScopedInvoice invoice) {
    Map<String, Object> view = new LinkedHashMap<>();
    view.put("id", header.id().value());
    view.put("period", period(header.period()));
    view.put("currency", currency(header));
    view.put("byocUsage", Map.of("price", price(invoice.byoc())));
    List<Map<String, Object>> teams = new ArrayList<>();
    for (TeamUsage team : invoice.teams()) {
      List<Map<String, Object>> projects = new ArrayList<>();
      for (ProjectUsage project : team.projects()) {
        List<Map<String, Object>> types = new ArrayList<>();
        for (ResourceTypeUsage type : project.resourceTypes()) {
          List<Map<String, Object>> resources = new ArrayList<>();
          for (ResourceUsage resource : type.resources()) {
            resources.add(node(resource.id(), resource.name(), resource.price()));
          }
          types.add(
              WireJson.object(
                  "resourceType",
                  type.resourceType().wireName(),
                  "price",
                  price(type.price()),
                  "resources",
                  resources));
        }
        Map<String, Object> projectView = node(project.id(), project.name(), project.price());
        projectView.put("resourceTypes", types);
        projects.add(projectView);
      }
      Map<String, Object> teamView = node(team.id(), team.name(), team.price());
      teamView.put("projects", projects);
      teams.add(teamView);
    }
    view.put("paasUsage", WireJson.object("price", price(invoice.paas()), "teams", teams));
    view.put("lineItems", invoice.lineItems().stream().map(NorthflankViews::lineItem).toList());
    view.put("subTotal", invoice.subTotal().minor());
    view.put("discounts", Map.of("total", invoice.discount().minor()));
    view.put("tax", WireJson.object("percent", percent(invoice), "amount", invoice.tax().minor()));
    view.put("total", invoice.total().minor());
    view.put("paid", paid(header));
    return view;
  }

  private static Map<String, Object> lineItem(InvoiceLine line) {
    return WireJson.object(
        "title",
        line.title(),
        "total",
        line.total().minor(),
        "base",
        line.base().minor(),
        "proration",
        line.proration().minor());
  }

  private static Map<String, Object> node(String id, String name, PaasPrice price) {
    return WireJson.object("id", id, "name", name, "price", price(price));
  }

  private static Map<String, Object> period(BillingPeriod period) {
    return WireJson.object(
        "start", period.start().getEpochSecond(), "end", period.end().getEpochSecond());
  }

  private static String currency(InvoiceHeader header) {
    return header.currency().toLowerCase(Locale.ROOT);
  }

  /** Paid: a payment was recorded for the invoice (its {@code paidAt} is set). */
  private static boolean paid(InvoiceHeader header) {
    return header.paidAt() != null;
  }

  private static Object percent(ScopedInvoice invoice) {
    return invoice.taxPercent().stripTrailingZeros();
  }

  private static Map<String, Object> price(PaasPrice price) {
    return WireJson.object(
        "total",
        price.total().minor(),
        "cpu",
        price.cpu().minor(),
        "memory",
        price.memory().minor(),
        "storage",
        price.storage().minor(),
        "gpu",
        price.gpu().minor());
  }

  private static Map<String, Object> price(ByocPrice price) {
    return WireJson.object(
        "total",
        price.total().minor(),
        "vcpu",
        price.vcpu().minor(),
        "memory",
        price.memory().minor(),
        "gpuMemory",
        price.gpuMemory().minor(),
        "cluster",
        price.cluster().minor());
  }
}
