package dev.tally.domain.invoice;

import dev.tally.domain.account.Cluster;
import dev.tally.domain.account.ClusterId;
import dev.tally.domain.account.Directory;
import dev.tally.domain.account.Project;
import dev.tally.domain.account.Resource;
import dev.tally.domain.account.ResourceId;
import dev.tally.domain.account.ResourceType;
import dev.tally.domain.account.Team;
import dev.tally.domain.invoice.Breakdown.ClusterUsage;
import dev.tally.domain.invoice.Breakdown.ProjectUsage;
import dev.tally.domain.invoice.Breakdown.ResourceTypeUsage;
import dev.tally.domain.invoice.Breakdown.ResourceUsage;
import dev.tally.domain.invoice.Breakdown.TeamUsage;
import dev.tally.domain.money.Allocation;
import dev.tally.domain.money.Money;
import dev.tally.domain.money.Rounding;
import dev.tally.domain.pricing.MeterPrice;
import dev.tally.domain.pricing.PerUnit;
import dev.tally.domain.pricing.Plan;
import dev.tally.domain.time.BillingPeriod;
import dev.tally.domain.usage.InvoiceCategory;
import dev.tally.domain.usage.Meter;
import dev.tally.domain.usage.MeterId;
import dev.tally.domain.usage.UsageTotal;
import java.math.BigDecimal;
import java.math.MathContext;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Draws an invoice's charges from usage totals, plans and a period. Pure: no storage, no clock.
 *
 * <p>Per plan span: the recurring fee prorated by the second, then one line per priced meter whose
 * amount is the plan's price of the meter's whole quantity, rounded once. That amount is split over
 * the usage groups (resources, clusters, dimension values) in proportion to their quantity so that
 * the breakdown sums exactly to the lines. Usage of meters the plan does not price is not charged.
 */
public final class InvoiceCalculator {
  /** The team and project that usage of a resource unknown to the directory is shown under. */
  static final String UNASSIGNED = "unassigned";

  public InvoiceContent calculate(
      BillingPeriod period,
      BigDecimal taxPercent,
      List<PlanSpan> spans,
      Map<MeterId, Meter> meters,
      Directory directory) {
    List<InvoiceLine> lines = new ArrayList<>();
    Map<ResourceId, PaasPrice> resourceCharges =
        new TreeMap<>(Comparator.comparing(ResourceId::value));
    Map<ClusterId, ByocPrice> clusterCharges =
        new TreeMap<>(Comparator.comparing(ClusterId::value));
    for (PlanSpan span : spans) {
      Plan plan = span.plan();
      if (!plan.recurringFee().isZero()) {
        lines.add(feeLine(period, span));
      }
      for (MeterPrice price : plan.prices()) {
        Meter meter = meters.get(price.meterId());
        if (meter == null) {
          continue;
        }
        List<UsageTotal> usage =
            span.usage().stream().filter(total -> total.meterId().equals(meter.id())).toList();
        BigDecimal quantity =
            usage.stream().map(UsageTotal::quantity).reduce(BigDecimal.ZERO, BigDecimal::add);
        Money amount = Rounding.round(price.model().price(quantity));
        List<Money> shares =
            Allocation.proportional(amount, usage.stream().map(UsageTotal::quantity).toList());
        List<LineGroup> groups = new ArrayList<>();
        for (int i = 0; i < usage.size(); i++) {
          UsageTotal group = usage.get(i);
          Money share = shares.get(i);
          InvoiceCategory category = meter.category();
          if (category.isPaas()) {
            ResourceId resource =
                new ResourceId(
                    group.dimensions().getOrDefault(InvoiceCategory.RESOURCE_PROPERTY, ""));
            resourceCharges.merge(resource, PaasPrice.ZERO.plus(category, share), PaasPrice::plus);
          } else if (category.isByoc()) {
            ClusterId cluster =
                new ClusterId(
                    group.dimensions().getOrDefault(InvoiceCategory.CLUSTER_PROPERTY, ""));
            clusterCharges.merge(cluster, ByocPrice.ZERO.plus(category, share), ByocPrice::plus);
          } else if (!meter.dimensions().isEmpty()) {
            groups.add(new LineGroup(group.dimensions(), group.quantity(), share));
          }
        }
        BigDecimal unitPrice =
            price.model() instanceof PerUnit perUnit ? perUnit.unitPrice() : null;
        lines.add(
            new InvoiceLine(
                meter.name(),
                LineKind.USAGE,
                plan.id(),
                meter.id(),
                meter.category(),
                span.span(),
                quantity,
                unitPrice,
                amount,
                Money.ZERO,
                amount,
                groups));
      }
    }
    Breakdown breakdown = breakdown(resourceCharges, clusterCharges, directory);
    Money subtotal = Money.sum(lines.stream().map(InvoiceLine::total).toList());
    Money tax = Rounding.percentOf(subtotal, taxPercent);
    return new InvoiceContent(lines, breakdown, subtotal, taxPercent, tax, subtotal.plus(tax));
  }

  private static InvoiceLine feeLine(BillingPeriod period, PlanSpan span) {
    Money base = span.plan().recurringFee();
    BigDecimal share =
        BigDecimal.valueOf(span.span().length().toSeconds())
            .divide(BigDecimal.valueOf(period.length().toSeconds()), MathContext.DECIMAL128);
    Money total = Rounding.round(base.minor().multiply(share));
    return new InvoiceLine(
        span.plan().name(),
        LineKind.SUBSCRIPTION,
        span.plan().id(),
        null,
        null,
        span.span(),
        BigDecimal.ONE,
        base.minor(),
        base,
        total.minus(base),
        total,
        List.of());
  }

  private static Breakdown breakdown(
      Map<ResourceId, PaasPrice> resourceCharges,
      Map<ClusterId, ByocPrice> clusterCharges,
      Directory directory) {
    // team id -> project id -> resource type -> resources, all in id order
    Map<String, Map<String, Map<ResourceType, List<ResourceUsage>>>> tree = new TreeMap<>();
    Map<String, String> names = new TreeMap<>();
    resourceCharges.forEach(
        (resourceId, price) -> {
          Resource resource = directory.resource(resourceId).orElse(null);
          Project project =
              resource == null ? null : directory.project(resource.projectId()).orElse(null);
          Team team = project == null ? null : directory.team(project.teamId()).orElse(null);
          String teamId = team == null ? UNASSIGNED : team.id().value();
          String projectId = project == null ? UNASSIGNED : project.id().value();
          names.put("team:" + teamId, team == null ? "Unassigned" : team.name());
          names.put("project:" + projectId, project == null ? "Unassigned" : project.name());
          ResourceType type = resource == null ? ResourceType.SERVICE : resource.type();
          String name = resource == null ? resourceId.value() : resource.name();
          tree.computeIfAbsent(teamId, id -> new TreeMap<>())
              .computeIfAbsent(projectId, id -> new TreeMap<>())
              .computeIfAbsent(type, id -> new ArrayList<>())
              .add(new ResourceUsage(resourceId.value(), name, price));
        });
    List<TeamUsage> teams = new ArrayList<>();
    PaasPrice paas = PaasPrice.ZERO;
    for (var team : tree.entrySet()) {
      List<ProjectUsage> projects = new ArrayList<>();
      PaasPrice teamPrice = PaasPrice.ZERO;
      for (var project : team.getValue().entrySet()) {
        List<ResourceTypeUsage> types = new ArrayList<>();
        PaasPrice projectPrice = PaasPrice.ZERO;
        for (var type : project.getValue().entrySet()) {
          PaasPrice typePrice =
              type.getValue().stream()
                  .map(ResourceUsage::price)
                  .reduce(PaasPrice.ZERO, PaasPrice::plus);
          types.add(new ResourceTypeUsage(type.getKey(), typePrice, type.getValue()));
          projectPrice = projectPrice.plus(typePrice);
        }
        projects.add(
            new ProjectUsage(
                project.getKey(), names.get("project:" + project.getKey()), projectPrice, types));
        teamPrice = teamPrice.plus(projectPrice);
      }
      teams.add(
          new TeamUsage(team.getKey(), names.get("team:" + team.getKey()), teamPrice, projects));
      paas = paas.plus(teamPrice);
    }
    List<ClusterUsage> clusters = new ArrayList<>();
    ByocPrice byoc = ByocPrice.ZERO;
    for (var cluster : clusterCharges.entrySet()) {
      String name =
          directory.cluster(cluster.getKey()).map(Cluster::name).orElse(cluster.getKey().value());
      clusters.add(new ClusterUsage(cluster.getKey().value(), name, cluster.getValue()));
      byoc = byoc.plus(cluster.getValue());
    }
    return new Breakdown(paas, teams, byoc, clusters);
  }
}
