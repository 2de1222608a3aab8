package dev.tally.server.admin;

import dev.tally.domain.access.ApiToken;
import dev.tally.domain.access.Permission;
import dev.tally.domain.account.Account;
import dev.tally.domain.account.Cluster;
import dev.tally.domain.account.Directory;
import dev.tally.domain.account.Project;
import dev.tally.domain.account.Resource;
import dev.tally.domain.account.Team;
import dev.tally.domain.invoice.Breakdown;
import dev.tally.domain.invoice.ByocPrice;
import dev.tally.domain.invoice.CreditGrant;
import dev.tally.domain.invoice.Discount;
import dev.tally.domain.invoice.Invoice;
import dev.tally.domain.invoice.InvoiceLine;
import dev.tally.domain.invoice.PaasPrice;
import dev.tally.domain.invoice.Payment;
import dev.tally.domain.money.Money;
import dev.tally.domain.pricing.GraduatedTiers;
import dev.tally.domain.pricing.MeterPrice;
import dev.tally.domain.pricing.PerUnit;
import dev.tally.domain.pricing.Plan;
import dev.tally.domain.pricing.Subscription;
import dev.tally.domain.pricing.Tier;
import dev.tally.domain.pricing.VolumeTiers;
import dev.tally.domain.usage.Meter;
import dev.tally.server.http.WireJson;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The admin API's JSON for each domain object: snake_case, money in minor units. */
final class AdminViews {
  private AdminViews() {}

  static Map<String, Object> toApi(Account account) {
    Map<String, Object> view = new LinkedHashMap<>();
    view.put("id", account.id().value());
    view.put("name", account.name());
    view.put("currency", account.currency());
    view.put("billing_anchor", account.billingAnchor());
    view.put("tax_percent", account.taxPercent());
    view.put("payment_terms_days", account.paymentTermsDays());
    view.put("contract_id", account.contractId());
    view.put("created_at", account.createdAt());
    return view;
  }

  static Map<String, Object> toApi(Team team) {
    return WireJson.object(
        "id", team.id().value(), "account_id", team.accountId().value(), "name", team.name());
  }

  static Map<String, Object> toApi(Project project) {
    return WireJson.object(
        "id", project.id().value(), "team_id", project.teamId().value(), "name", project.name());
  }

  static Map<String, Object> toApi(Resource resource) {
    Map<String, Object> view =
        WireJson.object(
            "id",
            resource.id().value(),
            "project_id",
            resource.projectId().value(),
            "name",
            resource.name());
    view.put("type", resource.type().wireName());
    return view;
  }

  static Map<String, Object> toApi(Cluster cluster) {
    return WireJson.object(
        "id",
        cluster.id().value(),
        "account_id",
        cluster.accountId().value(),
        "name",
        cluster.name());
  }

  /** The account's tree: teams with their projects and resources, and its clusters. */
  static Map<String, Object> toApi(Directory directory) {
    List<Map<String, Object>> teams = new ArrayList<>();
    for (Team team : directory.teams()) {
      Map<String, Object> teamView = toApi(team);
      List<Map<String, Object>> projectViews = new ArrayList<>();
      for (Project project : directory.projects()) {
        if (!project.teamId().equals(team.id())) {
          continue;
        }
        Map<String, Object> projectView = toApi(project);
        projectView.put(
            "resources",
            directory.resources().stream()
                .filter(resource -> resource.projectId().equals(project.id()))
                .map(AdminViews::toApi)
                .toList());
        projectViews.add(projectView);
      }
      teamView.put("projects", projectViews);
      teams.add(teamView);
    }
    Map<String, Object> view = new LinkedHashMap<>();
    view.put("teams", teams);
    view.put("clusters", directory.clusters().stream().map(AdminViews::toApi).toList());
    return view;
  }

  static Map<String, Object> toApi(Meter meter) {
    Map<String, Object> view = new LinkedHashMap<>();
    view.put("id", meter.id().value());
    view.put("name", meter.name());
    view.put("event_type", meter.eventType());
    view.put("filters", meter.filters());
    view.put("aggregation", meter.aggregation().name().toLowerCase(Locale.ROOT));
    view.put("value_property", meter.valueProperty());
    view.put("dimensions", meter.dimensions());
    view.put("category", meter.category().wireName());
    view.put("unit", meter.unit());
    return view;
  }

  static Map<String, Object> toApi(Plan plan) {
    Map<String, Object> view = new LinkedHashMap<>();
    view.put("id", plan.id().value());
    view.put("name", plan.name());
    view.put("currency", plan.currency());
    view.put("recurring_fee", plan.recurringFee().minor());
    view.put("minimum_spend", plan.minimumSpend().minor());
    List<Map<String, Object>> prices = new ArrayList<>();
    for (MeterPrice price : plan.prices()) {
      Map<String, Object> priceView = new LinkedHashMap<>();
      priceView.put("meter_id", price.meterId().value());
      switch (price.model()) {
        case PerUnit perUnit -> {
          priceView.put("model", "per_unit");
          priceView.put("unit_price", perUnit.unitPrice());
        }
        case GraduatedTiers graduated -> {
          priceView.put("model", "graduated");
          priceView.put("tiers", tiers(graduated.tiers()));
        }
        case VolumeTiers volume -> {
          priceView.put("model", "volume");
          priceView.put("tiers", tiers(volume.tiers()));
        }
      }
      prices.add(priceView);
    }
    view.put("prices", prices);
    return view;
  }

  private static List<Map<String, Object>> tiers(List<Tier> tiers) {
    List<Map<String, Object>> views = new ArrayList<>();
    for (Tier tier : tiers) {
      Map<String, Object> view = new LinkedHashMap<>();
      view.put("up_to", tier.upTo());
      view.put("unit_price", tier.unitPrice());
      views.add(view);
    }
    return views;
  }

  static Map<String, Object> toApi(Subscription subscription) {
    Map<String, Object> view = new LinkedHashMap<>();
    view.put("id", subscription.id());
    view.put("account_id", subscription.accountId().value());
    view.put("plan_id", subscription.planId().value());
    view.put("starts_at", subscription.startsAt());
    view.put("ends_at", subscription.endsAt());
    return view;
  }

  static Map<String, Object> toApi(Discount discount) {
    Map<String, Object> view = new LinkedHashMap<>();
    view.put("id", discount.id());
    view.put("account_id", discount.accountId().value());
    view.put("name", discount.name());
    view.put("percent", discount.percent());
    view.put("amount", discount.amount() == null ? null : discount.amount().minor());
    view.put("meter_id", discount.meterId() == null ? null : discount.meterId().value());
    view.put("starts_at", discount.startsAt());
    view.put("ends_at", discount.endsAt());
    return view;
  }

  /** A credit grant with what is left of it after the finalized invoices that used it. */
  static Map<String, Object> toApi(CreditGrant grant, Money remaining) {
    Map<String, Object> view = new LinkedHashMap<>();
    view.put("id", grant.id());
    view.put("account_id", grant.accountId().value());
    view.put("name", grant.name());
    view.put("amount", grant.amount().minor());
    view.put("remaining", remaining.minor());
    view.put("effective_at", grant.effectiveAt());
    view.put("expires_at", grant.expiresAt());
    view.put("priority", grant.priority());
    return view;
  }

  static Map<String, Object> toApi(ApiToken token) {
    Map<String, Object> view = new LinkedHashMap<>();
    view.put("id", token.id());
    view.put("name", token.name());
    view.put("kind", token.kind().name().toLowerCase(Locale.ROOT));
    view.put("account_id", token.accountId() == null ? null : token.accountId().value());
    view.put("team_id", token.teamId() == null ? null : token.teamId().value());
    view.put("permissions", token.permissions().stream().map(Permission::name).sorted().toList());
    view.put("created_at", token.createdAt());
    view.put("revoked_at", token.revokedAt());
    return view;
  }

  static Map<String, Object> toApi(Invoice invoice) {
    var header = invoice.header();
    var content = invoice.content();
    Map<String, Object> view = new LinkedHashMap<>();
    view.put("id", header.id().value());
    view.put("account_id", header.accountId().value());
    view.put("status", header.status().name());
    view.put("currency", header.currency());
    view.put(
        "period", WireJson.object("start", header.period().start(), "end", header.period().end()));
    view.put("created_at", header.createdAt());
    view.put("issued_at", header.issuedAt());
    view.put("due_at", header.dueAt());
    view.put("number", header.number());
    view.put("replaces_invoice_id", header.replaces() == null ? null : header.replaces().value());
    view.put("void_reason", header.voidReason());
    view.put("paid_at", header.paidAt());
    view.put("payment", header.payment() == null ? null : toApi(header.payment()));
    view.put("subtotal", content.subtotal().minor());
    view.put(
        "discounts",
        content.discounts().stream()
            .map(
                discount ->
                    WireJson.object(
                        "discount_id", discount.discountId(),
                        "name", discount.name(),
                        "meter_id", discount.meterId() == null ? null : discount.meterId().value(),
                        "amount", discount.amount().minor()))
            .toList());
    view.put("discount_total", content.discountTotal().minor());
    view.put(
        "credits",
        content.credits().stream()
            .map(
                credit ->
                    WireJson.object(
                        "credit_grant_id", credit.grantId(),
                        "name", credit.name(),
                        "amount", credit.amount().minor()))
            .toList());
    view.put("credit_total", content.creditTotal().minor());
    view.put(
        "tax", WireJson.object("percent", content.taxPercent(), "amount", content.tax().minor()));
    view.put("total", content.total().minor());
    view.put("amount_due", invoice.amountDue().minor());
    List<Map<String, Object>> lines = new ArrayList<>();
    for (InvoiceLine line : content.lines()) {
      Map<String, Object> lineView = new LinkedHashMap<>();
      lineView.put("title", line.title());
      lineView.put("kind", line.kind().name().toLowerCase(Locale.ROOT));
      lineView.put("plan_id", line.planId() == null ? null : line.planId().value());
      lineView.put("meter_id", line.meterId() == null ? null : line.meterId().value());
      lineView.put("category", line.category() == null ? null : line.category().wireName());
      lineView.put("starts_at", line.span().start());
      lineView.put("ending_before", line.span().end());
      lineView.put("quantity", line.quantity());
      lineView.put("unit_price", line.unitPrice());
      lineView.put("base", line.base().minor());
      lineView.put("proration", line.proration().minor());
      lineView.put("total", line.total().minor());
      lineView.put(
          "groups",
          line.groups().stream()
              .map(
                  group ->
                      WireJson.object(
                          "dimensions", group.dimensions(),
                          "quantity", group.quantity(),
                          "total", group.total().minor()))
              .toList());
      lines.add(lineView);
    }
    view.put("lines", lines);
    view.put("breakdown", toApi(content.breakdown()));
    return view;
  }

  private static Map<String, Object> toApi(Payment payment) {
    Map<String, Object> view = new LinkedHashMap<>();
    view.put("provider", payment.provider());
    view.put("status", payment.status().name());
    view.put("external_id", payment.externalId());
    view.put("reported_at", payment.reportedAt());
    return view;
  }

  private static Map<String, Object> toApi(Breakdown breakdown) {
    List<Map<String, Object>> teams = new ArrayList<>();
    for (var team : breakdown.teams()) {
      List<Map<String, Object>> projects = new ArrayList<>();
      for (var project : team.projects()) {
        List<Map<String, Object>> types = new ArrayList<>();
        for (var type : project.resourceTypes()) {
          Map<String, Object> typeView = new LinkedHashMap<>();
          typeView.put("resource_type", type.resourceType().wireName());
          typeView.put("price", price(type.price()));
          typeView.put(
              "resources",
              type.resources().stream()
                  .map(resource -> node(resource.id(), resource.name(), price(resource.price())))
                  .toList());
          types.add(typeView);
        }
        Map<String, Object> projectView =
            node(project.id(), project.name(), price(project.price()));
        projectView.put("resource_types", types);
        projects.add(projectView);
      }
      Map<String, Object> teamView = node(team.id(), team.name(), price(team.price()));
      teamView.put("projects", projects);
      teams.add(teamView);
    }
    Map<String, Object> paas = WireJson.object("price", price(breakdown.paas()), "teams", teams);
    Map<String, Object> byoc =
        WireJson.object(
            "price",
            price(breakdown.byoc()),
            "clusters",
            breakdown.clusters().stream()
                .map(cluster -> node(cluster.id(), cluster.name(), price(cluster.price())))
                .toList());
    return WireJson.object("paas", paas, "byoc", byoc);
  }

  private static Map<String, Object> node(String id, String name, Map<String, Object> price) {
    return WireJson.object("id", id, "name", name, "price", price);
  }

  private static Map<String, Object> price(PaasPrice price) {
    Map<String, Object> view = new LinkedHashMap<>();
    view.put("total", price.total().minor());
    view.put("cpu", price.cpu().minor());
    view.put("memory", price.memory().minor());
    view.put("storage", price.storage().minor());
    view.put("gpu", price.gpu().minor());
    return view;
  }

  private static Map<String, Object> price(ByocPrice price) {
    Map<String, Object> view = new LinkedHashMap<>();
    view.put("total", price.total().minor());
    view.put("vcpu", price.vcpu().minor());
    view.put("memory", price.memory().minor());
    view.put("gpu_memory", price.gpuMemory().minor());
    view.put("cluster", price.cluster().minor());
    return view;
  }
}
