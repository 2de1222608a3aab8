package dev.tally.domain.pricing;

import dev.tally.domain.money.Money;
import dev.tally.domain.usage.MeterId;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What an account pays: a recurring fee per billing period (in minor units, prorated by the second
 * for partial periods), a price per meter, and a minimum spend per period (minor units, prorated
 * like the fee; zero for none). Usage of meters the plan does not price is free.
 */
public record Plan(
    PlanId id,
    String name,
    String currency,
    Money recurringFee,
    List<MeterPrice> prices,
    Money minimumSpend) {
  public Plan {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(currency, "currency");
    Objects.requireNonNull(recurringFee, "recurringFee");
    prices = List.copyOf(prices);
    Objects.requireNonNull(minimumSpend, "minimumSpend");
  }

  /** A plan without a minimum spend. */
  public Plan(
      PlanId id, String name, String currency, Money recurringFee, List<MeterPrice> prices) {
    this(id, name, currency, recurringFee, prices, Money.ZERO);
  }

  public Optional<PriceModel> priceOf(MeterId meterId) {
    return prices.stream()
        .filter(price -> price.meterId().equals(meterId))
        .map(MeterPrice::model)
        .findFirst();
  }
}
