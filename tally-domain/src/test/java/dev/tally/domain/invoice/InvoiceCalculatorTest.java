package dev.tally.domain.invoice;

import static dev.tally.domain.invoice.Acme.API_CALLS;
import static dev.tally.domain.invoice.Acme.BUILD_MINUTES;
import static dev.tally.domain.invoice.Acme.BYOC_MEMORY;
import static dev.tally.domain.invoice.Acme.BYOC_VCPU;
import static dev.tally.domain.invoice.Acme.CPU;
import static dev.tally.domain.invoice.Acme.MEMORY;
import static dev.tally.domain.invoice.Acme.onCluster;
import static dev.tally.domain.invoice.Acme.onResource;
import static dev.tally.domain.invoice.Acme.period;
import static dev.tally.domain.invoice.Acme.plan;
import static dev.tally.domain.invoice.Acme.price;
import static dev.tally.domain.invoice.InvoiceInvariants.assertAddsUp;
import static dev.tally.domain.invoice.InvoiceInvariants.assertSameCharges;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tally.domain.account.ResourceType;
import dev.tally.domain.error.FieldErrors;
import dev.tally.domain.invoice.Breakdown.ClusterUsage;
import dev.tally.domain.invoice.Breakdown.ProjectUsage;
import dev.tally.domain.invoice.Breakdown.ResourceTypeUsage;
import dev.tally.domain.invoice.Breakdown.ResourceUsage;
import dev.tally.domain.invoice.Breakdown.TeamUsage;
import dev.tally.domain.money.Money;
import dev.tally.domain.pricing.GraduatedTiers;
import dev.tally.domain.pricing.PerUnit;
import dev.tally.domain.pricing.Plan;
import dev.tally.domain.pricing.Tier;
import dev.tally.domain.pricing.VolumeTiers;
import dev.tally.domain.time.BillingPeriod;
import dev.tally.domain.time.MonthlyCycle;
import dev.tally.domain.usage.Contribution;
import dev.tally.domain.usage.InvoiceCategory;
import dev.tally.domain.usage.Meter;
import dev.tally.domain.usage.Metering;
import dev.tally.domain.usage.UsageEvent;
import dev.tally.domain.usage.UsageTotal;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class InvoiceCalculatorTest {
  private static final BillingPeriod MARCH = period("2026-03-01T00:00:00Z", "2026-04-01T00:00:00Z");

  /** $20.00 a month, CPU at half a cent per vCPU-hour, memory graduated per GB-hour. */
  private static final Plan TEAM =
      plan(
          "team",
          2000,
          price(CPU, new PerUnit(new BigDecimal("0.5"))),
          price(
              MEMORY,
              new GraduatedTiers(
                  List.of(
                      new Tier(new BigDecimal("1000"), new BigDecimal("0.1")),
                      new Tier(null, new BigDecimal("0.05"))))));

  /** $10.00 a month, CPU at a cent per vCPU-hour, memory free. */
  private static final Plan STARTER =
      plan("starter", 1000, price(CPU, new PerUnit(BigDecimal.ONE)));

  /** Usage over March by five resources of both teams. */
  private static final List<UsageTotal> MARCH_USAGE =
      List.of(
          onResource(CPU, "r-api", "300"),
          onResource(CPU, "r-web", "101"),
          onResource(MEMORY, "r-api", "800"),
          onResource(MEMORY, "r-db", "400"),
          onResource(MEMORY, "r-etl", "300"));

  private final InvoiceCalculator calculator = new InvoiceCalculator();

  @Test
  void chargesTheFeeAndEachPricedMeterOfAFullPeriod() {
    InvoiceContent invoice = calculate(MARCH, "20", new PlanSpan(TEAM, MARCH, MARCH_USAGE));

    assertLines(
        invoice,
        fee(TEAM, MARCH, 2000),
        usage(TEAM, CPU, MARCH, "401", "0.5", 201), // 200.5, rounded half up
        usage(TEAM, MEMORY, MARCH, "1500", null, 125)); // 1000 at 0.1 + 500 at 0.05
    assertThat(invoice.subtotal()).isEqualByComparingTo(minor(2326));
    assertThat(invoice.taxPercent()).isEqualByComparingTo("20");
    assertThat(invoice.tax()).isEqualByComparingTo(minor(465)); // 465.2
    assertThat(invoice.total()).isEqualByComparingTo(minor(2791));
  }

  @Test
  void splitsEachLineOverItsResourcesSoTheBreakdownTreeAddsUp() {
    InvoiceContent invoice = calculate(MARCH, "20", new PlanSpan(TEAM, MARCH, MARCH_USAGE));

    // CPU 201 over 300 and 101 hours: 150.37 and 50.63, the leftover cent to the larger remainder.
    // Memory 125 over 800, 400 and 300 GB-hours: 66.67, 33.33 and 25.
    Breakdown expected =
        new Breakdown(
            paas(201, 125),
            List.of(
                new TeamUsage(
                    "team-core",
                    "Core",
                    paas(201, 100),
                    List.of(
                        new ProjectUsage(
                            "p-api",
                            "API",
                            paas(150, 100),
                            List.of(
                                typeOf(ResourceType.SERVICE, resource("r-api", "api", 150, 67)),
                                typeOf(ResourceType.ADDON, resource("r-db", "postgres", 0, 33)))),
                        new ProjectUsage(
                            "p-web",
                            "Web",
                            paas(51, 0),
                            List.of(
                                typeOf(ResourceType.SERVICE, resource("r-web", "web", 51, 0)))))),
                new TeamUsage(
                    "team-data",
                    "Data",
                    paas(0, 25),
                    List.of(
                        new ProjectUsage(
                            "p-etl",
                            "ETL",
                            paas(0, 25),
                            List.of(
                                typeOf(
                                    ResourceType.JOB, resource("r-etl", "nightly-etl", 0, 25))))))),
            ByocPrice.ZERO,
            List.of());
    assertSameCharges(invoice.breakdown(), expected, "breakdown");
    assertAddsUp(invoice);
  }

  @Test
  void proratesTheFeeWhenTheSubscriptionStartsMidPeriod() {
    Plan flat = plan("flat", 2000);
    BillingPeriod span = period("2026-03-11T12:00:00Z", "2026-04-01T00:00:00Z");

    InvoiceContent invoice = calculate(MARCH, "0", new PlanSpan(flat, span, List.of()));

    // 20.5 of 31 days: 2000 * 20.5 / 31 = 1322.58
    InvoiceLine fee = invoice.lines().getFirst();
    assertThat(fee.base()).isEqualByComparingTo(minor(2000));
    assertThat(fee.proration()).isEqualByComparingTo(minor(-677));
    assertThat(fee.total()).isEqualByComparingTo(minor(1323));
    assertLines(invoice, fee(flat, span, 1323));
  }

  @Test
  void proratesTheFeeByTheSecond() {
    Plan flat = plan("flat", 2000);
    // 2000 * seconds / 2,678,400: 1,339,870 s is 1000.50 and 1,339,869 s is 1000.4996
    BillingPeriod longer = period("2026-03-16T11:48:50Z", "2026-04-01T00:00:00Z");
    BillingPeriod shorter = period("2026-03-16T11:48:51Z", "2026-04-01T00:00:00Z");

    assertThat(calculate(MARCH, "0", new PlanSpan(flat, longer, List.of())).total())
        .isEqualByComparingTo(minor(1001));
    assertThat(calculate(MARCH, "0", new PlanSpan(flat, shorter, List.of())).total())
        .isEqualByComparingTo(minor(1000));
  }

  @Test
  void proratesOverTheTwentyEightDaysOfFebruary() {
    BillingPeriod february =
        new MonthlyCycle(Instant.parse("2027-01-31T00:00:00Z"))
            .periodContaining(Instant.parse("2027-02-10T00:00:00Z"));
    BillingPeriod secondHalf = period("2027-02-14T00:00:00Z", "2027-02-28T00:00:00Z");

    InvoiceContent invoice = calculate(february, "0", new PlanSpan(TEAM, secondHalf, List.of()));

    assertThat(february).isEqualTo(period("2027-01-31T00:00:00Z", "2027-02-28T00:00:00Z"));
    assertLines(
        invoice,
        fee(TEAM, secondHalf, 1000), // 14 of 28 days
        usage(TEAM, CPU, secondHalf, "0", "0.5", 0),
        usage(TEAM, MEMORY, secondHalf, "0", null, 0));
  }

  @Test
  void billsEachPlanForItsOwnSpanWhenThePlanChanges() {
    BillingPeriod onStarter = period("2026-03-01T00:00:00Z", "2026-03-16T00:00:00Z");
    BillingPeriod onTeam = period("2026-03-16T00:00:00Z", "2026-04-01T00:00:00Z");

    InvoiceContent invoice =
        calculate(
            MARCH,
            "0",
            new PlanSpan(
                STARTER,
                onStarter,
                List.of(onResource(CPU, "r-api", "100"), onResource(MEMORY, "r-api", "500"))),
            new PlanSpan(
                TEAM,
                onTeam,
                List.of(onResource(CPU, "r-api", "100"), onResource(MEMORY, "r-api", "200"))));

    assertLines(
        invoice,
        fee(STARTER, onStarter, 484), // 1000 * 15 / 31 = 483.87
        usage(STARTER, CPU, onStarter, "100", "1", 100), // Starter does not price memory
        fee(TEAM, onTeam, 1032), // 2000 * 16 / 31 = 1032.26
        usage(TEAM, CPU, onTeam, "100", "0.5", 50),
        usage(TEAM, MEMORY, onTeam, "200", null, 20));
    assertThat(invoice.subtotal()).isEqualByComparingTo(minor(1686));
    assertSameCharges(
        invoice.breakdown().teams().getFirst().projects().getFirst().resourceTypes(),
        List.of(typeOf(ResourceType.SERVICE, resource("r-api", "api", 150, 20))),
        "r-api over both spans");
    assertAddsUp(invoice);
  }

  @Test
  void taxIsTheAccountsPercentOfTheSubtotal() {
    InvoiceContent invoice =
        calculate(MARCH, "7.25", new PlanSpan(plan("flat", 1999), MARCH, List.of()));

    assertThat(invoice.tax()).isEqualByComparingTo(minor(145)); // 144.9275
    assertThat(invoice.total()).isEqualByComparingTo(minor(2144));
  }

  @Test
  void taxIsRoundedOnceOnTheSubtotalNotPerLine() {
    Plan builds = plan("builds", 10, price(BUILD_MINUTES, new PerUnit(BigDecimal.ONE)));
    UsageTotal minutes = new UsageTotal(BUILD_MINUTES.id(), Map.of(), BigDecimal.TEN);

    InvoiceContent invoice = calculate(MARCH, "5", new PlanSpan(builds, MARCH, List.of(minutes)));

    // 5% of each line would be 0.5 + 0.5, rounded to 1 + 1; 5% of the subtotal 20 is 1
    assertThat(invoice.subtotal()).isEqualByComparingTo(minor(20));
    assertThat(invoice.tax()).isEqualByComparingTo(minor(1));
    assertThat(invoice.total()).isEqualByComparingTo(minor(21));
  }

  @Test
  void billsByocUsagePerCluster() {
    Plan byoc =
        plan(
            "byoc",
            0,
            price(BYOC_VCPU, new PerUnit(new BigDecimal("2.5"))),
            price(BYOC_MEMORY, new PerUnit(new BigDecimal("0.25"))));

    InvoiceContent invoice =
        calculate(
            MARCH,
            "0",
            new PlanSpan(
                byoc,
                MARCH,
                List.of(
                    onCluster(BYOC_VCPU, "c-eu", "10"),
                    onCluster(BYOC_VCPU, "c-us", "3"),
                    onCluster(BYOC_MEMORY, "c-eu", "64"),
                    onCluster(BYOC_MEMORY, "c-gone", "8"))));

    assertLines(
        invoice,
        usage(byoc, BYOC_VCPU, MARCH, "13", "2.5", 33), // 32.5
        usage(byoc, BYOC_MEMORY, MARCH, "72", "0.25", 18));
    // vCPU 33 over 10 and 3 hours: 25.38 and 7.62; a cluster the tree lacks is named by its id
    Breakdown expected =
        new Breakdown(
            PaasPrice.ZERO,
            List.of(),
            byocPrice(33, 18),
            List.of(
                new ClusterUsage("c-eu", "eu-central", byocPrice(25, 16)),
                new ClusterUsage("c-gone", "c-gone", byocPrice(0, 2)),
                new ClusterUsage("c-us", "us-east", byocPrice(8, 0))));
    assertSameCharges(invoice.breakdown(), expected, "breakdown");
  }

  @Test
  void splitsAPlainUsageLineByItsDimensions() {
    Plan api =
        plan(
            "api",
            0,
            price(
                API_CALLS,
                new VolumeTiers(
                    List.of(
                        new Tier(new BigDecimal("1000"), new BigDecimal("0.02")),
                        new Tier(null, new BigDecimal("0.01"))))));

    InvoiceContent invoice =
        calculate(
            MARCH,
            "0",
            new PlanSpan(
                api,
                MARCH,
                List.of(
                    Acme.usage(API_CALLS, "region", "eu", new BigDecimal("600")),
                    Acme.usage(API_CALLS, "region", "us", new BigDecimal("500")))));

    assertLines(
        invoice,
        usage(
            api,
            API_CALLS,
            MARCH,
            "1100",
            null,
            11,
            new LineGroup(Map.of("region", "eu"), new BigDecimal("600"), minor(6)),
            new LineGroup(Map.of("region", "us"), new BigDecimal("500"), minor(5))));
    assertSameCharges(
        invoice.breakdown(),
        new Breakdown(PaasPrice.ZERO, List.of(), ByocPrice.ZERO, List.of()),
        "breakdown of plain usage");
  }

  @Test
  void aPlainUsageLineWithoutDimensionsHasNoGroups() {
    Plan builds = plan("builds", 0, price(BUILD_MINUTES, new PerUnit(new BigDecimal("0.8"))));
    UsageTotal minutes = new UsageTotal(BUILD_MINUTES.id(), Map.of(), new BigDecimal("125"));

    InvoiceContent invoice = calculate(MARCH, "0", new PlanSpan(builds, MARCH, List.of(minutes)));

    assertLines(invoice, usage(builds, BUILD_MINUTES, MARCH, "125", "0.8", 100));
  }

  @Test
  void showsUsageOfResourcesTheTreeDoesNotKnowAsUnassigned() {
    InvoiceContent invoice =
        calculate(MARCH, "0", new PlanSpan(TEAM, MARCH, List.of(onResource(CPU, "r-gone", "10"))));

    assertSameCharges(
        invoice.breakdown().teams(),
        List.of(
            new TeamUsage(
                "unassigned",
                "Unassigned",
                paas(5, 0),
                List.of(
                    new ProjectUsage(
                        "unassigned",
                        "Unassigned",
                        paas(5, 0),
                        List.of(
                            typeOf(ResourceType.SERVICE, resource("r-gone", "r-gone", 5, 0))))))),
        "teams");
  }

  @Test
  void aFreePlanWithoutUsageShowsEachPricedMeterAsAZeroLineAndNoFee() {
    Plan free = plan("free", 0, price(CPU, new PerUnit(new BigDecimal("0.5"))));

    InvoiceContent invoice = calculate(MARCH, "20", new PlanSpan(free, MARCH, List.of()));

    assertLines(invoice, usage(free, CPU, MARCH, "0", "0.5", 0));
    assertThat(invoice.total()).isEqualByComparingTo(Money.ZERO);
  }

  @Test
  void ignoresPricesOfMetersThatNoLongerExist() {
    Meter retired = Acme.GPU;
    Plan plan = plan("legacy", 0, price(retired, new PerUnit(BigDecimal.ONE)));

    InvoiceContent invoice =
        calculator.calculate(
            MARCH,
            BigDecimal.ZERO,
            List.of(new PlanSpan(plan, MARCH, List.of(onResource(retired, "r-api", "5")))),
            Map.of(CPU.id(), CPU),
            Acme.directory());

    assertThat(invoice.lines()).isEmpty();
  }

  @Test
  void meteringRefusesNegativeUsageSoEveryInvoiceCanBeDrawn() {
    FieldErrors errors = new FieldErrors();
    UsageEvent correction =
        new UsageEvent(
            "tx-correction",
            Acme.ID,
            CPU.eventType(),
            Instant.parse("2026-03-20T10:00:00Z"),
            Map.of(InvoiceCategory.RESOURCE_PROPERTY, "r-web", "cpu_hours", new BigDecimal("-2")));

    List<Contribution> contributions =
        Metering.contributions(correction, List.of(CPU), "[0]", errors);

    assertThat(contributions).isEmpty();
    assertThat(errors.list())
        .singleElement()
        .satisfies(error -> assertThat(error.field()).isEqualTo("[0].properties.cpu_hours"));
  }

  private InvoiceContent calculate(BillingPeriod period, String taxPercent, PlanSpan... spans) {
    return calculator.calculate(
        period, new BigDecimal(taxPercent), List.of(spans), Acme.meters(), Acme.directory());
  }

  private static void assertLines(InvoiceContent invoice, InvoiceLine... expected) {
    assertSameCharges(invoice.lines(), List.of(expected), "lines");
  }

  private static InvoiceLine fee(Plan plan, BillingPeriod span, long total) {
    Money base = plan.recurringFee();
    return new InvoiceLine(
        plan.name(),
        LineKind.SUBSCRIPTION,
        plan.id(),
        null,
        null,
        span,
        BigDecimal.ONE,
        base.minor(),
        base,
        minor(total).minus(base),
        minor(total),
        List.of());
  }

  private static InvoiceLine usage(
      Plan plan,
      Meter meter,
      BillingPeriod span,
      String quantity,
      String unitPrice,
      long total,
      LineGroup... groups) {
    return new InvoiceLine(
        meter.name(),
        LineKind.USAGE,
        plan.id(),
        meter.id(),
        meter.category(),
        span,
        new BigDecimal(quantity),
        unitPrice == null ? null : new BigDecimal(unitPrice),
        minor(total),
        Money.ZERO,
        minor(total),
        List.of(groups));
  }

  private static ResourceTypeUsage typeOf(ResourceType type, ResourceUsage resource) {
    return new ResourceTypeUsage(type, resource.price(), List.of(resource));
  }

  private static ResourceUsage resource(String id, String name, long cpu, long memory) {
    return new ResourceUsage(id, name, paas(cpu, memory));
  }

  private static PaasPrice paas(long cpu, long memory) {
    return new PaasPrice(minor(cpu), minor(memory), Money.ZERO, Money.ZERO);
  }

  private static ByocPrice byocPrice(long vcpu, long memory) {
    return new ByocPrice(minor(vcpu), minor(memory), Money.ZERO, Money.ZERO);
  }

  private static Money minor(long amount) {
    return Money.ofMinor(amount);
  }
}
