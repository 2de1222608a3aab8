package dev.tally.server.northflank;

import dev.tally.domain.account.ResourceType;
import dev.tally.domain.invoice.Breakdown.ProjectUsage;
import dev.tally.domain.invoice.Breakdown.ResourceTypeUsage;
import dev.tally.domain.invoice.Breakdown.ResourceUsage;
import dev.tally.domain.invoice.Breakdown.TeamUsage;
import dev.tally.domain.invoice.ByocPrice;
import dev.tally.domain.invoice.InvoiceContent;
import dev.tally.domain.invoice.InvoiceLine;
import dev.tally.domain.invoice.LineKind;
import dev.tally.domain.invoice.PaasPrice;
import dev.tally.domain.money.Money;
import dev.tally.domain.money.Rounding;
import java.util.ArrayList;
import java.util.List;

/**
 * The part of an invoice a request sees. The whole invoice, as the account sees it without filters;
 * or a part of its PaaS breakdown, narrowed to the resources that match every condition given (each
 * list holds conditions that must all hold, so a team route's team and a {@code teamId} filter for
 * another team match nothing). A part carries no BYOC usage and no account-level line items (plan
 * fees, plain usage lines) and none of the invoice's discounts and credits, which are the
 * account's: its subtotal is its PaaS total, its discount zero, its tax the invoice's tax percent
 * of that, rounded once.
 */
record InvoiceScope(
    List<String> teamIds,
    List<String> projectIds,
    List<ResourceType> types,
    List<String> resourceIds) {
  static final InvoiceScope WHOLE = new InvoiceScope(List.of(), List.of(), List.of(), List.of());

  InvoiceScope {
    teamIds = List.copyOf(teamIds);
    projectIds = List.copyOf(projectIds);
    types = List.copyOf(types);
    resourceIds = List.copyOf(resourceIds);
  }

  static InvoiceScope team(String teamId) {
    return WHOLE.withTeam(teamId);
  }

  /** Narrows to the team {@code id}; null narrows nothing (so do the other {@code with}s). */
  InvoiceScope withTeam(String id) {
    return id == null ? this : new InvoiceScope(plus(teamIds, id), projectIds, types, resourceIds);
  }

  InvoiceScope withProject(String id) {
    return id == null ? this : new InvoiceScope(teamIds, plus(projectIds, id), types, resourceIds);
  }

  InvoiceScope withType(ResourceType type) {
    return type == null
        ? this
        : new InvoiceScope(teamIds, projectIds, plus(types, type), resourceIds);
  }

  /**
   * Narrows to the resource {@code id} of {@code type} (how the CLI's serviceId, jobId... read).
   */
  InvoiceScope withResource(ResourceType type, String id) {
    return id == null
        ? this
        : new InvoiceScope(teamIds, projectIds, plus(types, type), plus(resourceIds, id));
  }

  boolean isWhole() {
    return equals(WHOLE);
  }

  /** What this scope sees of {@code content}; every node's price is the sum of its children. */
  ScopedInvoice apply(InvoiceContent content) {
    var breakdown = content.breakdown();
    if (isWhole()) {
      List<InvoiceLine> lineItems =
          content.lines().stream().filter(line -> !isBrokenDown(line)).toList();
      return new ScopedInvoice(
          breakdown.teams(),
          breakdown.paas(),
          breakdown.byoc(),
          lineItems,
          content.subtotal(),
          content.discountTotal().plus(content.creditTotal()),
          content.taxPercent(),
          content.tax());
    }
    List<TeamUsage> teams = new ArrayList<>();
    PaasPrice paas = PaasPrice.ZERO;
    for (TeamUsage team : breakdown.teams()) {
      if (teamIds.stream().allMatch(team.id()::equals)) {
        TeamUsage narrowed = narrow(team);
        if (narrowed != null) {
          teams.add(narrowed);
          paas = paas.plus(narrowed.price());
        }
      }
    }
    Money subTotal = paas.total();
    return new ScopedInvoice(
        teams,
        paas,
        ByocPrice.ZERO,
        List.of(),
        subTotal,
        Money.ZERO,
        content.taxPercent(),
        Rounding.percentOf(subTotal, content.taxPercent()));
  }

  /**
   * Usage lines of PaaS and BYOC meters are shown through the breakdown, not as line items;
   * corrections of earlier periods are line items, whatever their meter.
   */
  private static boolean isBrokenDown(InvoiceLine line) {
    return line.kind() != LineKind.CORRECTION
        && line.category() != null
        && (line.category().isPaas() || line.category().isByoc());
  }

  private TeamUsage narrow(TeamUsage team) {
    List<ProjectUsage> projects = new ArrayList<>();
    PaasPrice price = PaasPrice.ZERO;
    for (ProjectUsage project : team.projects()) {
      if (projectIds.stream().allMatch(project.id()::equals)) {
        ProjectUsage narrowed = narrow(project);
        if (narrowed != null) {
          projects.add(narrowed);
          price = price.plus(narrowed.price());
        }
      }
    }
    return projects.isEmpty() ? null : new TeamUsage(team.id(), team.name(), price, projects);
  }

  private ProjectUsage narrow(ProjectUsage project) {
    List<ResourceTypeUsage> resourceTypes = new ArrayList<>();
    PaasPrice price = PaasPrice.ZERO;
    for (ResourceTypeUsage group : project.resourceTypes()) {
      if (types.stream().allMatch(type -> type == group.resourceType())) {
        List<ResourceUsage> resources =
            group.resources().stream()
                .filter(resource -> resourceIds.stream().allMatch(resource.id()::equals))
                .toList();
        if (!resources.isEmpty()) {
          PaasPrice groupPrice =
              resources.stream().map(ResourceUsage::price).reduce(PaasPrice.ZERO, PaasPrice::plus);
          resourceTypes.add(new ResourceTypeUsage(group.resourceType(), groupPrice, resources));
          price = price.plus(groupPrice);
        }
      }
    }
    return resourceTypes.isEmpty()
        ? null
        : new ProjectUsage(project.id(), project.name(), price, resourceTypes);
  }

  private static <T> List<T> plus(List<T> list, T item) {
    List<T> result = new ArrayList<>(list);
    result.add(item);
    return result;
  }
}
