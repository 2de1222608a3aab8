package dev.tally.domain.pricing;

import dev.tally.domain.usage.MeterId;
import java.util.Objects;

/** The price model a plan applies to one meter. */
public record MeterPrice(MeterId meterId, PriceModel model) {
  public MeterPrice {
    Objects.requireNonNull(meterId, "meterId");
    Objects.requireNonNull(model, "model");
  }
}
