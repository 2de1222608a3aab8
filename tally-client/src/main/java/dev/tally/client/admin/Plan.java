package dev.tally.client.admin;

import java.math.BigDecimal;
import java.util.List;

/**
 * A plan: {@code recurringFee} in whole cents per period (null or 0 for none) and one price per
 * meter. Also the body to create one ({@code id}, {@code name}, {@code currency} required).
 */
public record Plan(String id, String name, String currency, Long recurringFee, List<Price> prices) {

  /**
   * The price of one meter: {@code model} per_unit with {@code unitPrice} (cents per unit), or
   * graduated / volume with {@code tiers}.
   */
  public record Price(String meterId, String model, BigDecimal unitPrice, List<Tier> tiers) {
    /** A flat price of {@code unitPrice} cents per unit. */
    public static Price perUnit(String meterId, BigDecimal unitPrice) {
      return new Price(meterId, "per_unit", unitPrice, null);
    }
  }

  /** A tier: {@code unitPrice} cents per unit up to {@code upTo} units (null: no limit). */
  public record Tier(BigDecimal upTo, BigDecimal unitPrice) {}
}
