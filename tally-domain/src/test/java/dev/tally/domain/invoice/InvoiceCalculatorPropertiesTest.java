package dev.tally.domain.invoice;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tally.domain.Decimals;
import dev.tally.domain.money.Money;
import dev.tally.domain.money.Rounding;
import dev.tally.domain.pricing.GraduatedTiers;
import dev.tally.domain.pricing.MeterPrice;
import dev.tally.domain.pricing.PerUnit;
import dev.tally.domain.pricing.Plan;
import dev.tally.domain.pricing.PlanId;
import dev.tally.domain.pricing.PriceModel;
import dev.tally.domain.pricing.Tier;
import dev.tally.domain.pricing.VolumeTiers;
import dev.tally.domain.time.BillingPeriod;
import dev.tally.domain.usage.InvoiceCategory;
import dev.tally.domain.usage.Meter;
import dev.tally.domain.usage.MeterId;
import dev.tally.domain.usage.UsageTotal;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** Invariants of every invoice, over random plans, usage and plan changes. */
class InvoiceCalculatorPropertiesTest {
  /** February of a leap year: 29 days. */
  private static final BillingPeriod PERIOD =
      Acme.period("2028-02-01T00:00:00Z", "2028-03-01T00:00:00Z");

  /** Every group a meter's usage can come in: by resource, by cluster or by region. */
  private static final List<UsageTotal> GROUPS = groups();

  private final InvoiceCalculator calculator = new InvoiceCalculator();

  @Property(tries = 300, seed = "7250")
  void totalsAndEveryLevelOfTheBreakdownAddUp(
      @ForAll("spans") List<PlanSpan> spans, @ForAll("taxPercents") BigDecimal taxPercent) {
    InvoiceContent invoice = calculate(taxPercent, spans);

    InvoiceInvariants.assertAddsUp(invoice);
    assertThat(invoice.tax())
        .isEqualByComparingTo(Rounding.percentOf(invoice.subtotal(), taxPercent));
  }

  @Property(tries = 300, seed = "7251")
  void eachUsageLineIsThePlansPriceOfItsQuantityRoundedOnce(@ForAll("spans") List<PlanSpan> spans) {
    InvoiceContent invoice = calculate(BigDecimal.ZERO, spans);

    for (InvoiceLine line : invoice.lines()) {
      if (line.kind() == LineKind.USAGE) {
        PlanSpan span =
            spans.stream()
                .filter(candidate -> candidate.span().equals(line.span()))
                .findFirst()
                .orElseThrow();
        PriceModel model = span.plan().priceOf(line.meterId()).orElseThrow();
        assertThat(line.total()).isEqualByComparingTo(Rounding.round(model.price(line.quantity())));
      }
    }
  }

  @Property(tries = 200, seed = "7252")
  void splittingAPeriodIntoTwoSpansOfTheSamePlanKeepsTheUsageQuantity(
      @ForAll("freePlans") Plan plan,
      @ForAll("usage") List<UsageTotal> usage,
      @ForAll("instantsInsideThePeriod") Instant splitAt,
      @ForAll("shares") BigDecimal firstShare) {
    List<UsageTotal> before = new ArrayList<>();
    List<UsageTotal> after = new ArrayList<>();
    for (UsageTotal total : usage) {
      BigDecimal first = total.quantity().multiply(firstShare);
      before.add(new UsageTotal(total.meterId(), total.dimensions(), first));
      after.add(
          new UsageTotal(total.meterId(), total.dimensions(), total.quantity().subtract(first)));
    }

    InvoiceContent whole = calculate(BigDecimal.ZERO, List.of(new PlanSpan(plan, PERIOD, usage)));
    InvoiceContent split =
        calculate(
            BigDecimal.ZERO,
            List.of(
                new PlanSpan(plan, new BillingPeriod(PERIOD.start(), splitAt), before),
                new PlanSpan(plan, new BillingPeriod(splitAt, PERIOD.end()), after)));

    assertThat(quantityByMeter(split)).isEqualTo(quantityByMeter(whole));
  }

  @Provide
  Arbitrary<List<PlanSpan>> spans() {
    Arbitrary<List<Instant>> cuts =
        instantsInsideThePeriod().list().ofMaxSize(2).uniqueElements().map(this::sorted);
    Arbitrary<Boolean> startsMidPeriod = Arbitraries.of(false, true);
    return Combinators.combine(
            cuts, startsMidPeriod, plans().list().ofSize(3), usage().list().ofSize(3))
        .as(
            (cutsInPeriod, midPeriod, plans, usage) -> {
              List<Instant> bounds = new ArrayList<>();
              bounds.add(PERIOD.start());
              bounds.addAll(cutsInPeriod);
              bounds.add(PERIOD.end());
              List<PlanSpan> spans = new ArrayList<>();
              int first = midPeriod && bounds.size() > 2 ? 1 : 0;
              for (int i = first; i < bounds.size() - 1; i++) {
                spans.add(
                    new PlanSpan(
                        plans.get(i),
                        new BillingPeriod(bounds.get(i), bounds.get(i + 1)),
                        usage.get(i)));
              }
              return spans;
            });
  }

  @Provide
  Arbitrary<Plan> freePlans() {
    return plans().map(plan -> new Plan(plan.id(), plan.name(), "USD", Money.ZERO, plan.prices()));
  }

  @Provide
  Arbitrary<List<UsageTotal>> usage() {
    return quantities()
        .injectNull(0.5)
        .list()
        .ofSize(GROUPS.size())
        .map(
            quantities -> {
              List<UsageTotal> usage = new ArrayList<>();
              for (int i = 0; i < GROUPS.size(); i++) {
                if (quantities.get(i) != null) {
                  UsageTotal group = GROUPS.get(i);
                  usage.add(new UsageTotal(group.meterId(), group.dimensions(), quantities.get(i)));
                }
              }
              return usage;
            });
  }

  @Provide
  Arbitrary<Instant> instantsInsideThePeriod() {
    return Arbitraries.longs()
        .between(PERIOD.start().getEpochSecond() + 1, PERIOD.end().getEpochSecond() - 1)
        .map(Instant::ofEpochSecond);
  }

  @Provide
  Arbitrary<BigDecimal> shares() {
    return Arbitraries.bigDecimals().between(BigDecimal.ZERO, BigDecimal.ONE).ofScale(4);
  }

  @Provide
  Arbitrary<BigDecimal> taxPercents() {
    return Arbitraries.bigDecimals().between(BigDecimal.ZERO, new BigDecimal("30")).ofScale(2);
  }

  private Arbitrary<Plan> plans() {
    Arbitrary<Long> fees = Arbitraries.longs().between(0, 100_000);
    Arbitrary<List<PriceModel>> models =
        priceModels().injectNull(0.3).list().ofSize(Acme.ALL_METERS.size());
    return Combinators.combine(fees, models)
        .as(
            (fee, modelOfEachMeter) -> {
              List<MeterPrice> prices = new ArrayList<>();
              for (int i = 0; i < Acme.ALL_METERS.size(); i++) {
                if (modelOfEachMeter.get(i) != null) {
                  prices.add(Acme.price(Acme.ALL_METERS.get(i), modelOfEachMeter.get(i)));
                }
              }
              return new Plan(new PlanId("random"), "Random", "USD", Money.ofMinor(fee), prices);
            });
  }

  private Arbitrary<PriceModel> priceModels() {
    return Arbitraries.oneOf(
        List.of(
            unitPrices().<PriceModel>map(PerUnit::new),
            tierLists().<PriceModel>map(GraduatedTiers::new),
            tierLists().<PriceModel>map(VolumeTiers::new)));
  }

  private Arbitrary<List<Tier>> tierLists() {
    Arbitrary<BigDecimal> widths =
        Arbitraries.bigDecimals()
            .between(new BigDecimal("0.001"), new BigDecimal("5000"))
            .ofScale(3);
    return Combinators.combine(widths.list().ofMaxSize(3), unitPrices().list().ofSize(4))
        .as(
            (widthOfEachTier, prices) -> {
              List<Tier> tiers = new ArrayList<>();
              BigDecimal upTo = BigDecimal.ZERO;
              for (int i = 0; i < widthOfEachTier.size(); i++) {
                upTo = upTo.add(widthOfEachTier.get(i));
                tiers.add(new Tier(upTo, prices.get(i)));
              }
              tiers.add(new Tier(null, prices.get(widthOfEachTier.size())));
              return tiers;
            });
  }

  /** Up to 100 minor units a unit, with up to 12 decimals. */
  private static Arbitrary<BigDecimal> unitPrices() {
    return Decimals.upTo("100", 12);
  }

  private static Arbitrary<BigDecimal> quantities() {
    return Decimals.upTo("100000", 6);
  }

  private InvoiceContent calculate(BigDecimal taxPercent, List<PlanSpan> spans) {
    return calculator.calculate(PERIOD, taxPercent, spans, Acme.meters(), Acme.directory());
  }

  private static Map<MeterId, String> quantityByMeter(InvoiceContent invoice) {
    Map<MeterId, BigDecimal> sums = new TreeMap<>((a, b) -> a.value().compareTo(b.value()));
    for (InvoiceLine line : invoice.lines()) {
      if (line.kind() == LineKind.USAGE) {
        sums.merge(line.meterId(), line.quantity(), BigDecimal::add);
      }
    }
    Map<MeterId, String> text = new TreeMap<>((a, b) -> a.value().compareTo(b.value()));
    sums.forEach((meter, sum) -> text.put(meter, sum.stripTrailingZeros().toPlainString()));
    return text;
  }

  private List<Instant> sorted(List<Instant> instants) {
    return instants.stream().sorted().toList();
  }

  private static List<UsageTotal> groups() {
    List<UsageTotal> groups = new ArrayList<>();
    for (Meter meter : Acme.PAAS_METERS) {
      Acme.RESOURCES.forEach(
          resource ->
              groups.add(
                  Acme.usage(meter, InvoiceCategory.RESOURCE_PROPERTY, resource, BigDecimal.ZERO)));
    }
    for (Meter meter : Acme.BYOC_METERS) {
      Acme.CLUSTERS.forEach(
          cluster ->
              groups.add(
                  Acme.usage(meter, InvoiceCategory.CLUSTER_PROPERTY, cluster, BigDecimal.ZERO)));
    }
    Acme.REGIONS.forEach(
        region -> groups.add(Acme.usage(Acme.API_CALLS, "region", region, BigDecimal.ZERO)));
    groups.add(new UsageTotal(Acme.BUILD_MINUTES.id(), Map.of(), BigDecimal.ZERO));
    return groups;
  }
}
