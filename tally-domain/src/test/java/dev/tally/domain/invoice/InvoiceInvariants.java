package dev.tally.domain.invoice;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tally.domain.invoice.Breakdown.ClusterUsage;
import dev.tally.domain.invoice.Breakdown.ProjectUsage;
import dev.tally.domain.invoice.Breakdown.ResourceTypeUsage;
import dev.tally.domain.invoice.Breakdown.ResourceUsage;
import dev.tally.domain.invoice.Breakdown.TeamUsage;
import dev.tally.domain.money.Money;
import dev.tally.domain.usage.InvoiceCategory;
import java.math.BigDecimal;
import java.util.List;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.function.Predicate;

/** What every invoice must satisfy, whatever it charges: its totals and breakdown add up. */
final class InvoiceInvariants {
  private InvoiceInvariants() {}

  static void assertAddsUp(InvoiceContent invoice) {
    assertThat(invoice.total())
        .as("total = subtotal - discounts - credits + tax")
        .isEqualByComparingTo(
            invoice
                .subtotal()
                .minus(invoice.discountTotal())
                .minus(invoice.creditTotal())
                .plus(invoice.tax()));
    assertThat(invoice.total().signum()).as("total is never negative").isNotNegative();
    assertThat(invoice.subtotal())
        .as("subtotal = sum of the lines")
        .isEqualByComparingTo(Money.sum(invoice.lines().stream().map(InvoiceLine::total).toList()));
    for (InvoiceLine line : invoice.lines()) {
      assertThat(line.base().plus(line.proration())).isEqualByComparingTo(line.total());
      if (!line.groups().isEmpty()) {
        assertThat(Money.sum(line.groups().stream().map(LineGroup::total).toList()))
            .as("groups of %s", line.title())
            .isEqualByComparingTo(line.total());
      }
    }
    Breakdown breakdown = invoice.breakdown();
    assertSamePrice(paasOfLines(invoice.lines()), breakdown.paas(), "paas = PaaS lines");
    assertSamePrice(byocOfLines(invoice.lines()), breakdown.byoc(), "byoc = BYOC lines");
    assertSamePrice(
        paasSum(breakdown.teams(), TeamUsage::price), breakdown.paas(), "paas = its teams");
    for (TeamUsage team : breakdown.teams()) {
      assertSamePrice(
          paasSum(team.projects(), ProjectUsage::price), team.price(), "team " + team.id());
      for (ProjectUsage project : team.projects()) {
        assertSamePrice(
            paasSum(project.resourceTypes(), ResourceTypeUsage::price),
            project.price(),
            "project " + project.id());
        for (ResourceTypeUsage type : project.resourceTypes()) {
          assertSamePrice(
              paasSum(type.resources(), ResourceUsage::price),
              type.price(),
              "resource type " + type.resourceType() + " of project " + project.id());
        }
      }
    }
    assertSamePrice(
        breakdown.clusters().stream()
            .map(ClusterUsage::price)
            .reduce(ByocPrice.ZERO, ByocPrice::plus),
        breakdown.byoc(),
        "byoc = its clusters");
  }

  /** Asserts that two charges are equal, comparing every amount and quantity by value. */
  static void assertSameCharges(Object actual, Object expected, String description) {
    assertThat(actual)
        .as(description)
        .usingRecursiveComparison()
        .withComparatorForType(BigDecimal::compareTo, BigDecimal.class)
        .isEqualTo(expected);
  }

  private static void assertSamePrice(Object sum, Object price, String description) {
    assertSameCharges(price, sum, description);
  }

  private static <T> PaasPrice paasSum(List<T> children, Function<T, PaasPrice> price) {
    return children.stream().map(price).reduce(PaasPrice.ZERO, PaasPrice::plus);
  }

  private static PaasPrice paasOfLines(List<InvoiceLine> lines) {
    return sumOfLines(
        lines,
        InvoiceCategory::isPaas,
        PaasPrice.ZERO,
        (sum, line) -> sum.plus(line.category(), line.total()));
  }

  private static ByocPrice byocOfLines(List<InvoiceLine> lines) {
    return sumOfLines(
        lines,
        InvoiceCategory::isByoc,
        ByocPrice.ZERO,
        (sum, line) -> sum.plus(line.category(), line.total()));
  }

  private static <P> P sumOfLines(
      List<InvoiceLine> lines,
      Predicate<InvoiceCategory> inCategory,
      P zero,
      BiFunction<P, InvoiceLine, P> add) {
    P sum = zero;
    for (InvoiceLine line : lines) {
      if (line.category() != null && inCategory.test(line.category())) {
        sum = add.apply(sum, line);
      }
    }
    return sum;
  }
}
