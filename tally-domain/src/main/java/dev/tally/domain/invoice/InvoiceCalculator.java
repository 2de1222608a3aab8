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
import dev.tally.domain.pricing.PlanId;
import dev.tally.domain.time.BillingPeriod;
import dev.tally.domain.usage.InvoiceCategory;
import dev.tally.domain.usage.Meter;
import dev.tally.domain.usage.MeterId;
import dev.tally.domain.usage.UsageTotal;
import java.math.BigDecimal;
import java.math.MathContext;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Draws an invoice's charges from usage totals, plans, adjustments and a period. Pure: no storage,
 * no clock.
 *
 * <p>Per plan span: the recurring fee prorated by the second, then one line per priced meter whose
 * amount is the plan's price of the meter's whole quantity, rounded once, then the part of the
 * plan's minimum spend (prorated like the fee) that the span's fee and usage do not reach. A usage
 * amount is split over the usage groups (resources, clusters, dimension values) in proportion to
 * their quantity so that the breakdown sums exactly to the lines. Usage of meters the plan does not
 * price is not charged.
 *
 * <p>Then, in this order (docs/billing.md): subtotal = Σ lines; discounts, those of one meter
 * before those of the whole invoice, each prorated by the share of the period it is in force,
 * rounded once and never more than what is left to discount; credits of the grants in force during
 * the period and not expired at its start, by priority then earliest expiry, each taking the least
 * of its balance and what is still due; tax = the percent of what is left, rounded once; total =
 * what is left + tax.
 */
public final class InvoiceCalculator {
  /** The team and project that usage of a resource unknown to the directory is shown under. */
  static final String UNASSIGNED = "unassigned";

  /** The charges of {@code spans} without discounts or credits. */
  public InvoiceContent calculate(
      BillingPeriod period,
      BigDecimal taxPercent,
      List<PlanSpan> spans,
      Map<MeterId, Meter> meters,
      Directory directory) {
    return calculate(period, taxPercent, spans, meters, directory, Adjustments.NONE);
  }

  /** The charges of {@code spans} with discounts and credits, without corrections. */
  public InvoiceContent calculate(
      BillingPeriod period,
      BigDecimal taxPercent,
      List<PlanSpan> spans,
      Map<MeterId, Meter> meters,
      Directory directory,
      Adjustments adjustments) {
    return calculate(period, taxPercent, spans, meters, directory, List.of(), adjustments);
  }

  /**
   * The charges of {@code spans} followed by {@code corrections} (lines from {@link #corrections}),
   * which count in the subtotal, so discounts of the whole invoice, credits and tax apply to them.
   */
  public InvoiceContent calculate(
      BillingPeriod period,
      BigDecimal taxPercent,
      List<PlanSpan> spans,
      Map<MeterId, Meter> meters,
      Directory directory,
      List<InvoiceLine> corrections,
      Adjustments adjustments) {
    List<InvoiceLine> lines = new ArrayList<>();
    // By resource; put in id order when the breakdown is built.
    Map<ResourceId, PaasPrice> resourceCharges = new HashMap<>();
    Map<ClusterId, ByocPrice> clusterCharges =
        new TreeMap<>(Comparator.comparing(ClusterId::value));
    for (PlanSpan span : spans) {
      Plan plan = span.plan();
      int firstLineOfSpan = lines.size();
      if (!plan.recurringFee().isZero()) {
        lines.add(feeLine(period, span));
      }
      Map<MeterId, List<UsageTotal>> usageByMeter = new HashMap<>();
      for (UsageTotal total : span.usage()) {
        usageByMeter.computeIfAbsent(total.meterId(), id -> new ArrayList<>()).add(total);
      }
      for (MeterPrice price : plan.prices()) {
        Meter meter = meters.get(price.meterId());
        if (meter == null) {
          continue;
        }
        List<UsageTotal> usage = usageByMeter.getOrDefault(meter.id(), List.of());
        BigDecimal quantity = quantity(usage);
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
      Money spent =
          Money.sum(
              lines.subList(firstLineOfSpan, lines.size()).stream()
                  .map(InvoiceLine::total)
                  .toList());
      minimumLine(period, span, spent).ifPresent(lines::add);
    }
    lines.addAll(corrections);
    Breakdown breakdown = breakdown(resourceCharges, clusterCharges, directory);
    Money subtotal = Money.sum(lines.stream().map(InvoiceLine::total).toList());
    List<AppliedDiscount> discounts = discounts(period, lines, subtotal, adjustments.discounts());
    Money due = subtotal.minus(Money.sum(discounts.stream().map(AppliedDiscount::amount).toList()));
    List<AppliedCredit> credits = credits(period, due, adjustments.credits());
    due = due.minus(Money.sum(credits.stream().map(AppliedCredit::amount).toList()));
    Money tax = Rounding.percentOf(due, taxPercent);
    return new InvoiceContent(
        lines, breakdown, subtotal, taxPercent, tax, due.plus(tax), discounts, credits);
  }

  /**
   * The correction lines of a period that took usage after it was finalized: per meter its plans
   * price, what the period's usage costs now (each span priced as a whole, as on the period's own
   * invoice, so tiers stay right) less what was already charged for it, when that is not zero. The
   * line's quantity is the usage not charged before; its span is the corrected period.
   */
  public List<InvoiceLine> corrections(LatePeriod late, Map<MeterId, Meter> meters) {
    Map<MeterId, BigDecimal> quantities = new LinkedHashMap<>();
    Map<MeterId, Money> amounts = new LinkedHashMap<>();
    Map<MeterId, PlanId> plans = new HashMap<>();
    for (PlanSpan span : late.spans()) {
      for (MeterPrice price : span.plan().prices()) {
        Meter meter = meters.get(price.meterId());
        if (meter == null) {
          continue;
        }
        BigDecimal quantity =
            quantity(
                span.usage().stream().filter(total -> total.meterId().equals(meter.id())).toList());
        quantities.merge(meter.id(), quantity, BigDecimal::add);
        amounts.merge(meter.id(), Rounding.round(price.model().price(quantity)), Money::plus);
        plans.put(meter.id(), span.plan().id());
      }
    }
    for (InvoiceLine line : late.charged()) {
      boolean usage = line.kind() == LineKind.USAGE || line.kind() == LineKind.CORRECTION;
      if (usage && line.meterId() != null && amounts.containsKey(line.meterId())) {
        quantities.merge(line.meterId(), line.quantity().negate(), BigDecimal::add);
        amounts.merge(line.meterId(), line.total().negate(), Money::plus);
      }
    }
    String month = YearMonth.from(late.period().start().atOffset(ZoneOffset.UTC)).toString();
    List<InvoiceLine> lines = new ArrayList<>();
    amounts.forEach(
        (meterId, amount) -> {
          if (amount.signum() == 0) {
            return;
          }
          Meter meter = meters.get(meterId);
          lines.add(
              new InvoiceLine(
                  "Correction: " + meter.name() + ", " + month,
                  LineKind.CORRECTION,
                  plans.get(meterId),
                  meterId,
                  meter.category(),
                  late.period(),
                  quantities.get(meterId),
                  null,
                  amount,
                  Money.ZERO,
                  amount,
                  List.of()));
        });
    return lines;
  }

  private static BigDecimal quantity(List<UsageTotal> usage) {
    return usage.stream().map(UsageTotal::quantity).reduce(BigDecimal.ZERO, BigDecimal::add);
  }

  /**
   * Discounts in order: a meter's before the whole invoice's, then by start and id. Each is
   * prorated by the share of the period it is in force, rounded once, and capped at what is left of
   * its base (the meter's usage lines, or the whole invoice), so the invoice never goes negative.
   */
  private static List<AppliedDiscount> discounts(
      BillingPeriod period, List<InvoiceLine> lines, Money subtotal, List<Discount> discounts) {
    Map<MeterId, Money> meterLeft = new TreeMap<>(Comparator.comparing(MeterId::value));
    for (InvoiceLine line : lines) {
      if (line.kind() == LineKind.USAGE && line.meterId() != null) {
        meterLeft.merge(line.meterId(), line.total(), Money::plus);
      }
    }
    List<Discount> ordered =
        discounts.stream()
            .sorted(
                Comparator.comparing((Discount discount) -> discount.meterId() == null)
                    .thenComparing(Discount::startsAt)
                    .thenComparing(Discount::id))
            .toList();
    Money invoiceLeft = subtotal;
    List<AppliedDiscount> applied = new ArrayList<>();
    for (Discount discount : ordered) {
      BillingPeriod inForce = period.intersect(discount.startsAt(), discount.endsAt());
      if (inForce == null) {
        continue;
      }
      Money base =
          discount.meterId() == null
              ? invoiceLeft
              : meterLeft.getOrDefault(discount.meterId(), Money.ZERO);
      BigDecimal exact =
          discount.percent() != null
              ? base.minor().multiply(discount.percent().movePointLeft(2))
              : discount.amount().minor();
      Money value = min(Rounding.round(exact.multiply(share(period, inForce))), base);
      if (value.signum() <= 0) {
        continue;
      }
      if (discount.meterId() != null) {
        meterLeft.put(discount.meterId(), base.minus(value));
      }
      invoiceLeft = invoiceLeft.minus(value);
      applied.add(new AppliedDiscount(discount.id(), discount.name(), discount.meterId(), value));
    }
    return applied;
  }

  /**
   * Credits of the grants in force during the period and not expired at its start, by priority,
   * then earliest expiry, then id; each takes the least of its balance and what is still due.
   */
  private static List<AppliedCredit> credits(
      BillingPeriod period, Money due, List<Adjustments.AvailableCredit> credits) {
    List<Adjustments.AvailableCredit> usable =
        credits.stream()
            .filter(credit -> credit.grant().effectiveAt().isBefore(period.end()))
            .filter(credit -> credit.grant().expiresAt().isAfter(period.start()))
            .sorted(
                Comparator.comparingInt(
                        (Adjustments.AvailableCredit credit) -> credit.grant().priority())
                    .thenComparing(credit -> credit.grant().expiresAt())
                    .thenComparing(credit -> credit.grant().id()))
            .toList();
    List<AppliedCredit> applied = new ArrayList<>();
    Money left = due;
    for (Adjustments.AvailableCredit credit : usable) {
      Money used = min(credit.remaining(), left);
      if (used.signum() <= 0) {
        continue;
      }
      left = left.minus(used);
      applied.add(new AppliedCredit(credit.grant().id(), credit.grant().name(), used));
    }
    return applied;
  }

  /**
   * What is missing for the span to reach its plan's minimum spend, prorated by the span's share of
   * the period; nothing when the span's fee and usage ({@code spent}) reach it.
   */
  private static Optional<InvoiceLine> minimumLine(
      BillingPeriod period, PlanSpan span, Money spent) {
    Money minimum =
        Rounding.round(span.plan().minimumSpend().minor().multiply(share(period, span.span())));
    Money missing = minimum.minus(spent);
    if (missing.signum() <= 0) {
      return Optional.empty();
    }
    return Optional.of(
        new InvoiceLine(
            "Minimum spend",
            LineKind.MINIMUM,
            span.plan().id(),
            null,
            null,
            span.span(),
            BigDecimal.ONE,
            null,
            missing,
            Money.ZERO,
            missing,
            List.of()));
  }

  private static Money min(Money a, Money b) {
    return a.compareTo(b) <= 0 ? a : b;
  }

  /** The share of {@code period} that {@code part} covers, by the second. */
  private static BigDecimal share(BillingPeriod period, BillingPeriod part) {
    return BigDecimal.valueOf(part.length().toSeconds())
        .divide(BigDecimal.valueOf(period.length().toSeconds()), MathContext.DECIMAL128);
  }

  private static InvoiceLine feeLine(BillingPeriod period, PlanSpan span) {
    Money base = span.plan().recurringFee();
    Money total = Rounding.round(base.minor().multiply(share(period, span.span())));
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
    Map<String, String> names = new HashMap<>();
    List<ResourceId> resourceIds = new ArrayList<>(resourceCharges.keySet());
    resourceIds.sort(Comparator.comparing(ResourceId::value));
    resourceIds.forEach(
        resourceId -> {
          PaasPrice price = resourceCharges.get(resourceId);
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
