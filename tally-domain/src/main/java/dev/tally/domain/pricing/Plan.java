package dev.tally.domain.pricing;

import dev.tally.domain.money.Money;
import dev.tally.domain.usage.MeterId;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What an account pays: a recurring fee per billing period (in minor units, prorated by the second
 * for partial periods) and a price per meter. Usage of meters the plan does not price is free.
 */
public record Plan(
    PlanId id, String name, String currency, Money recurringFee, List<MeterPrice> prices) {
  public Plan {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(currency, "currency");
    Objects.requireNonNull(recurringFee, "recurringFee");
    prices = List.copyOf(prices);
  }

  public Optional<PriceModel> priceOf(MeterId meterId) {
    return prices.stream()
        .filter(price -> price.meterId().equals(meterId))
        .map(MeterPrice::model)
        .findFirst();
  }
}
