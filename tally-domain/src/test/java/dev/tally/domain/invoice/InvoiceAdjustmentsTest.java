package dev.tally.domain.invoice;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.tally.domain.invoice.Adjustments.AvailableCredit;
import dev.tally.domain.money.Money;
import dev.tally.domain.pricing.PerUnit;
import dev.tally.domain.pricing.Plan;
import dev.tally.domain.pricing.PlanId;
import dev.tally.domain.time.BillingPeriod;
import dev.tally.domain.usage.MeterId;
import dev.tally.domain.usage.UsageTotal;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Minimum spend, discounts, credits and tax, in their order, with numbers computed by hand. The
 * plan charges a fee of 10,000 and 1 a build minute; 5,000 minutes make a subtotal of 15,000.
 */
class InvoiceAdjustmentsTest {
  private static final BillingPeriod MARCH =
      Acme.period("2026-03-01T00:00:00Z", "2026-04-01T00:00:00Z");
  private static final Instant MID_MARCH = Instant.parse("2026-03-16T12:00:00Z");
  private static final MeterId MINUTES = Acme.BUILD_MINUTES.id();

  private final InvoiceCalculator calculator = new InvoiceCalculator();

  @Test
  void taxIsChargedOnTheSubtotalLessDiscounts() {
    InvoiceContent invoice =
        calculate("20", 0, "5000", List.of(percent("ten", "10", null, MARCH.start(), null)));

    assertThat(invoice.subtotal()).isEqualTo(Money.ofMinor(15_000));
    assertThat(invoice.discountTotal()).as("10% of 15,000").isEqualTo(Money.ofMinor(1_500));
    assertThat(invoice.tax()).as("20% of 13,500").isEqualTo(Money.ofMinor(2_700));
    assertThat(invoice.total()).isEqualTo(Money.ofMinor(16_200));
  }

  @Test
  void aMetersDiscountComesFirstAndNoDiscountTakesMoreThanIsLeft() {
    InvoiceContent invoice =
        calculate(
            "20",
            0,
            "5000",
            List.of(
                amount("big", 20_000, null, MARCH.start(), null),
                percent("half-minutes", "50", MINUTES, MARCH.start(), null)));

    assertThat(invoice.discounts())
        .extracting(AppliedDiscount::discountId, AppliedDiscount::amount)
        .as("50% of the 5,000 minutes, then 20,000 capped at the 12,500 left")
        .containsExactly(
            tuple("half-minutes", Money.ofMinor(2_500)), tuple("big", Money.ofMinor(12_500)));
    assertThat(invoice.tax()).isEqualTo(Money.ZERO);
    assertThat(invoice.total()).isEqualTo(Money.ZERO);
  }

  @Test
  void aDiscountExpiringMidPeriodCountsForTheShareOfThePeriodItCovers() {
    InvoiceContent invoice =
        calculate("0", 0, "5000", List.of(percent("ten", "10", null, MARCH.start(), MID_MARCH)));

    assertThat(invoice.discountTotal())
        .as("10% of 15,000 for 15.5 of 31 days")
        .isEqualTo(Money.ofMinor(750));
    assertThat(invoice.total()).isEqualTo(Money.ofMinor(14_250));
  }

  @Test
  void creditsAreUsedByPriorityThenEarliestExpiryAndOnlyWhileNotExpired() {
    AvailableCredit late = credit("late", 5_000, "2026-06-01T00:00:00Z", 1);
    AvailableCredit soon = credit("soon", 3_000, "2026-04-15T00:00:00Z", 1);
    AvailableCredit expired = credit("expired", 9_000, "2026-03-01T00:00:00Z", 0);

    InvoiceContent invoice = withCredits(late, soon, expired);

    assertThat(invoice.credits())
        .extracting(AppliedCredit::grantId, AppliedCredit::amount)
        .containsExactly(tuple("soon", Money.ofMinor(3_000)), tuple("late", Money.ofMinor(5_000)));
    assertThat(invoice.tax()).as("20% of 15,000 - 8,000").isEqualTo(Money.ofMinor(1_400));
    assertThat(invoice.total()).isEqualTo(Money.ofMinor(8_400));
  }

  @Test
  void creditNeverTakesMoreThanIsDue() {
    InvoiceContent invoice = withCredits(credit("huge", 100_000, "2027-01-01T00:00:00Z", 0));

    assertThat(invoice.creditTotal()).isEqualTo(Money.ofMinor(15_000));
    assertThat(invoice.total()).isEqualTo(Money.ZERO);
  }

  @Test
  void aMinimumSpendChargesWhatTheFeeAndUsageDoNotReach() {
    InvoiceContent invoice = calculate("0", 20_000, "5000", List.of());

    InvoiceLine minimum = invoice.lines().getLast();
    assertThat(minimum.kind()).isEqualTo(LineKind.MINIMUM);
    assertThat(minimum.total()).as("20,000 - (10,000 + 5,000)").isEqualTo(Money.ofMinor(5_000));
    assertThat(invoice.subtotal()).isEqualTo(Money.ofMinor(20_000));
  }

  @Test
  void aMinimumSpendIsProratedLikeTheFee() {
    Plan plan = plan(20_000);
    PlanSpan half =
        new PlanSpan(
            plan,
            new BillingPeriod(MID_MARCH, MARCH.end()),
            List.of(new UsageTotal(MINUTES, Map.of(), new BigDecimal("1000"))));

    InvoiceContent invoice =
        calculator.calculate(
            MARCH, BigDecimal.ZERO, List.of(half), Acme.meters(), Acme.directory());

    assertThat(invoice.lines())
        .extracting(InvoiceLine::kind, InvoiceLine::total)
        .as("fee 5,000 and 1,000 minutes against a minimum of 10,000 for half the month")
        .containsExactly(
            tuple(LineKind.SUBSCRIPTION, Money.ofMinor(5_000)),
            tuple(LineKind.USAGE, Money.ofMinor(1_000)),
            tuple(LineKind.MINIMUM, Money.ofMinor(4_000)));
  }

  @Test
  void aMinimumSpendThatIsReachedAddsNoLine() {
    InvoiceContent invoice = calculate("0", 12_000, "5000", List.of());

    assertThat(invoice.lines()).noneMatch(line -> line.kind() == LineKind.MINIMUM);
  }

  private InvoiceContent calculate(
      String taxPercent, long minimum, String minutes, List<Discount> discounts) {
    return calculator.calculate(
        MARCH,
        new BigDecimal(taxPercent),
        List.of(span(minimum, minutes)),
        Acme.meters(),
        Acme.directory(),
        new Adjustments(discounts, List.of()));
  }

  /** The 15,000 of the standard span with 20% tax and these credits. */
  private InvoiceContent withCredits(AvailableCredit... credits) {
    return calculator.calculate(
        MARCH,
        new BigDecimal("20"),
        List.of(span(0, "5000")),
        Acme.meters(),
        Acme.directory(),
        new Adjustments(List.of(), List.of(credits)));
  }

  private static PlanSpan span(long minimum, String minutes) {
    return new PlanSpan(
        plan(minimum), MARCH, List.of(new UsageTotal(MINUTES, Map.of(), new BigDecimal(minutes))));
  }

  private static Plan plan(long minimum) {
    return new Plan(
        new PlanId("builds"),
        "Builds",
        "USD",
        Money.ofMinor(10_000),
        List.of(Acme.price(Acme.BUILD_MINUTES, new PerUnit(BigDecimal.ONE))),
        Money.ofMinor(minimum));
  }

  private static Discount percent(
      String id, String percent, MeterId meter, Instant startsAt, Instant endsAt) {
    return new Discount(id, Acme.ID, id, new BigDecimal(percent), null, meter, startsAt, endsAt);
  }

  private static Discount amount(
      String id, long amount, MeterId meter, Instant startsAt, Instant endsAt) {
    return new Discount(id, Acme.ID, id, null, Money.ofMinor(amount), meter, startsAt, endsAt);
  }

  private static AvailableCredit credit(String id, long remaining, String expiresAt, int priority) {
    return new AvailableCredit(
        new CreditGrant(
            id,
            Acme.ID,
            id,
            Money.ofMinor(remaining),
            Instant.parse("2026-01-01T00:00:00Z"),
            Instant.parse(expiresAt),
            priority),
        Money.ofMinor(remaining));
  }
}
