package dev.tally.domain.invoice;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tally.domain.Generator;
import dev.tally.domain.PropertyCheck;
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
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/** Invariants of every invoice, over random plans, usage and plan changes. */
class InvoiceCalculatorPropertiesTest {
  /** February of a leap year: 29 days. */
  private static final BillingPeriod PERIOD =
      Acme.period("2028-02-01T00:00:00Z", "2028-03-01T00:00:00Z");

  /** Every group a meter's usage can come in: by resource, by cluster or by region. */
  private static final List<UsageTotal> GROUPS = groups();

  private final InvoiceCalculator calculator = new InvoiceCalculator();

  @Test
  void totalsAndEveryLevelOfTheBreakdownAddUp() {
    PropertyCheck.forAll(
        7_250_000,
        300,
        Generator.combine(spans(), Generator.decimals("0", "30", 2), SpansAndTax::new),
        input -> {
          InvoiceContent invoice = calculate(input.taxPercent(), input.spans());

          InvoiceInvariants.assertAddsUp(invoice);
          assertThat(invoice.tax())
              .isEqualByComparingTo(Rounding.percentOf(invoice.subtotal(), input.taxPercent()));
        });
  }

  @Test
  void discountsAndCreditsNeverDriveAnInvoiceNegativeAndTheTotalsStillAddUp() {
    Generator<Adjustments> adjustments = adjustments();
    Generator<BigDecimal> taxes = Generator.decimals("0", "30", 2);
    Generator<List<PlanSpan>> spans = spans();
    PropertyCheck.forAll(
        7_253_000,
        300,
        random -> new Adjusted(spans.next(random), taxes.next(random), adjustments.next(random)),
        input -> {
          Supplier<InvoiceContent> draw =
              () ->
                  calculator.calculate(
                      PERIOD,
                      input.taxPercent(),
                      input.spans(),
                      Acme.meters(),
                      Acme.directory(),
                      input.adjustments());
          InvoiceContent invoice = draw.get();

          InvoiceInvariants.assertAddsUp(invoice);
          assertThat(invoice.tax())
              .isEqualByComparingTo(Rounding.percentOf(invoice.taxable(), input.taxPercent()));
          assertThat(invoice.taxable().signum()).isNotNegative();
          assertThat(invoice.discountTotal()).isLessThanOrEqualTo(invoice.subtotal());
          for (AppliedCredit credit : invoice.credits()) {
            Money remaining =
                input.adjustments().credits().stream()
                    .filter(available -> available.grant().id().equals(credit.grantId()))
                    .findFirst()
                    .orElseThrow()
                    .remaining();
            assertThat(credit.amount().signum()).isPositive();
            assertThat(credit.amount()).isLessThanOrEqualTo(remaining);
          }
          assertThat(draw.get()).as("drawing the same invoice twice").isEqualTo(invoice);
        });
  }

  private record Adjusted(List<PlanSpan> spans, BigDecimal taxPercent, Adjustments adjustments) {}

  /** Up to three discounts (percent or amount, of a meter or the invoice) and three grants. */
  private static Generator<Adjustments> adjustments() {
    Generator<Instant> instants = instantsInsideThePeriod();
    Generator<BigDecimal> percents = Generator.decimals("0.01", "100", 2);
    Generator<Long> amounts = Generator.longs(1, 200_000);
    Generator<Long> priorities = Generator.longs(0, 3);
    return random -> {
      List<Discount> discounts = new ArrayList<>();
      int discountCount = random.nextInt(4);
      for (int i = 0; i < discountCount; i++) {
        boolean byPercent = random.nextBoolean();
        MeterId meter =
            random.nextBoolean()
                ? null
                : Acme.ALL_METERS.get(random.nextInt(Acme.ALL_METERS.size())).id();
        Instant startsAt = random.nextBoolean() ? PERIOD.start() : instants.next(random);
        Instant endsAt =
            random.nextBoolean() ? null : startsAt.plusSeconds(1 + random.nextInt(3_000_000));
        discounts.add(
            new Discount(
                "d" + i,
                Acme.ID,
                "Discount " + i,
                byPercent ? percents.next(random) : null,
                byPercent ? null : Money.ofMinor(amounts.next(random)),
                meter,
                startsAt,
                endsAt));
      }
      List<Adjustments.AvailableCredit> credits = new ArrayList<>();
      int creditCount = random.nextInt(4);
      for (int i = 0; i < creditCount; i++) {
        Instant effectiveAt =
            random.nextBoolean() ? PERIOD.start().minusSeconds(86_400) : instants.next(random);
        Instant expiresAt = effectiveAt.plusSeconds(1 + random.nextInt(5_000_000));
        Money amount = Money.ofMinor(amounts.next(random));
        Money remaining = Money.ofMinor(random.nextLong(amount.minor().longValueExact() + 1));
        credits.add(
            new Adjustments.AvailableCredit(
                new CreditGrant(
                    "g" + i,
                    Acme.ID,
                    "Grant " + i,
                    amount,
                    effectiveAt,
                    expiresAt,
                    priorities.next(random).intValue()),
                remaining));
      }
      return new Adjustments(discounts, credits);
    };
  }

  @Test
  void eachUsageLineIsThePlansPriceOfItsQuantityRoundedOnce() {
    PropertyCheck.forAll(
        7_251_000,
        300,
        spans(),
        spans -> {
          InvoiceContent invoice = calculate(BigDecimal.ZERO, spans);

          for (InvoiceLine line : invoice.lines()) {
            if (line.kind() == LineKind.USAGE) {
              PlanSpan span =
                  spans.stream()
                      .filter(candidate -> candidate.span().equals(line.span()))
                      .findFirst()
                      .orElseThrow();
              PriceModel model = span.plan().priceOf(line.meterId()).orElseThrow();
              assertThat(line.total())
                  .isEqualByComparingTo(Rounding.round(model.price(line.quantity())));
            }
          }
        });
  }

  @Test
  void splittingAPeriodIntoTwoSpansOfTheSamePlanKeepsTheUsageQuantity() {
    Generator<Plan> plans = freePlans();
    Generator<List<UsageTotal>> usage = usage();
    Generator<Instant> instants = instantsInsideThePeriod();
    Generator<BigDecimal> shares = Generator.decimals("0", "1", 4);
    PropertyCheck.forAll(
        7_252_000,
        200,
        random ->
            new SplitUsage(
                plans.next(random), usage.next(random), instants.next(random), shares.next(random)),
        input -> {
          List<UsageTotal> before = new ArrayList<>();
          List<UsageTotal> after = new ArrayList<>();
          for (UsageTotal total : input.usage()) {
            BigDecimal first = total.quantity().multiply(input.firstShare());
            before.add(new UsageTotal(total.meterId(), total.dimensions(), first));
            after.add(
                new UsageTotal(
                    total.meterId(), total.dimensions(), total.quantity().subtract(first)));
          }
          Plan plan = input.plan();

          InvoiceContent whole =
              calculate(BigDecimal.ZERO, List.of(new PlanSpan(plan, PERIOD, input.usage())));
          InvoiceContent split =
              calculate(
                  BigDecimal.ZERO,
                  List.of(
                      new PlanSpan(
                          plan, new BillingPeriod(PERIOD.start(), input.splitAt()), before),
                      new PlanSpan(plan, new BillingPeriod(input.splitAt(), PERIOD.end()), after)));

          assertThat(quantityByMeter(split)).isEqualTo(quantityByMeter(whole));
        });
  }

  private record SpansAndTax(List<PlanSpan> spans, BigDecimal taxPercent) {}

  /** A plan's usage over the whole period, split at an instant with this share before it. */
  private record SplitUsage(
      Plan plan, List<UsageTotal> usage, Instant splitAt, BigDecimal firstShare) {}

  /** One to three spans of random plans over the period, the first sometimes starting late. */
  private static Generator<List<PlanSpan>> spans() {
    Generator<List<Instant>> cuts = instantsInsideThePeriod().list(0, 2);
    Generator<List<Plan>> plans = plans().list(3, 3);
    Generator<List<List<UsageTotal>>> usage = usage().list(3, 3);
    return random -> {
      List<Instant> bounds = new ArrayList<>();
      bounds.add(PERIOD.start());
      cuts.next(random).stream().distinct().sorted().forEach(bounds::add);
      bounds.add(PERIOD.end());
      boolean startsMidPeriod = random.nextBoolean();
      List<Plan> planOfEachSpan = plans.next(random);
      List<List<UsageTotal>> usageOfEachSpan = usage.next(random);
      List<PlanSpan> spans = new ArrayList<>();
      int first = startsMidPeriod && bounds.size() > 2 ? 1 : 0;
      for (int i = first; i < bounds.size() - 1; i++) {
        spans.add(
            new PlanSpan(
                planOfEachSpan.get(i),
                new BillingPeriod(bounds.get(i), bounds.get(i + 1)),
                usageOfEachSpan.get(i)));
      }
      return spans;
    };
  }

  private static Generator<Plan> freePlans() {
    return plans().map(plan -> new Plan(plan.id(), plan.name(), "USD", Money.ZERO, plan.prices()));
  }

  /** Usage of each group half of the time, of up to 100000 units with up to 6 decimals. */
  private static Generator<List<UsageTotal>> usage() {
    Generator<BigDecimal> quantities = Generator.decimalsUpTo("100000", 6);
    return random -> {
      List<UsageTotal> usage = new ArrayList<>();
      for (UsageTotal group : GROUPS) {
        if (random.nextBoolean()) {
          usage.add(new UsageTotal(group.meterId(), group.dimensions(), quantities.next(random)));
        }
      }
      return usage;
    };
  }

  private static Generator<Instant> instantsInsideThePeriod() {
    return Generator.longs(PERIOD.start().getEpochSecond() + 1, PERIOD.end().getEpochSecond() - 1)
        .map(Instant::ofEpochSecond);
  }

  /**
   * Plans with a fee of up to 1000 major units that price each meter 70% of the time, half of them
   * with a minimum spend of up to 3000 major units.
   */
  private static Generator<Plan> plans() {
    Generator<Long> fees = Generator.longs(0, 100_000);
    Generator<PriceModel> models = priceModels();
    return random -> {
      long fee = fees.next(random);
      List<MeterPrice> prices = new ArrayList<>();
      for (Meter meter : Acme.ALL_METERS) {
        if (random.nextDouble() < 0.7) {
          prices.add(Acme.price(meter, models.next(random)));
        }
      }
      Money minimum = random.nextBoolean() ? Money.ZERO : Money.ofMinor(fees.next(random) * 3);
      return new Plan(new PlanId("random"), "Random", "USD", Money.ofMinor(fee), prices, minimum);
    };
  }

  private static Generator<PriceModel> priceModels() {
    return Generator.oneOf(
        unitPrices().<PriceModel>map(PerUnit::new),
        tierLists().<PriceModel>map(GraduatedTiers::new),
        tierLists().<PriceModel>map(VolumeTiers::new));
  }

  /** One to four tiers, the closed ones from 0.001 to 5000 units wide. */
  private static Generator<List<Tier>> tierLists() {
    Generator<List<BigDecimal>> widths = Generator.decimals("0.001", "5000", 3).list(0, 3);
    Generator<List<BigDecimal>> prices = unitPrices().list(4, 4);
    return random -> {
      List<BigDecimal> widthOfEachTier = widths.next(random);
      List<BigDecimal> priceOfEachTier = prices.next(random);
      List<Tier> tiers = new ArrayList<>();
      BigDecimal upTo = BigDecimal.ZERO;
      for (int i = 0; i < widthOfEachTier.size(); i++) {
        upTo = upTo.add(widthOfEachTier.get(i));
        tiers.add(new Tier(upTo, priceOfEachTier.get(i)));
      }
      tiers.add(new Tier(null, priceOfEachTier.get(widthOfEachTier.size())));
      return tiers;
    };
  }

  /** Up to 100 minor units a unit, with up to 12 decimals. */
  private static Generator<BigDecimal> unitPrices() {
    return Generator.decimalsUpTo("100", 12);
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
