package dev.tally.client.admin;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * An account to create; null fields take the server's defaults (a new id, anchor now, no tax, 30
 * days' terms, no contract).
 */
public record NewAccount(
    String id,
    String name,
    String currency,
    Instant billingAnchor,
    BigDecimal taxPercent,
    Integer paymentTermsDays,
    String contractId) {
  /** An account named {@code name} billed in {@code currency}, everything else by default. */
  public static NewAccount of(String name, String currency) {
    return new NewAccount(null, name, currency, null, null, null, null);
  }

  /** With the id {@code id}. */
  public NewAccount id(String id) {
    return new NewAccount(
        id, name, currency, billingAnchor, taxPercent, paymentTermsDays, contractId);
  }

  /** Billed monthly from {@code billingAnchor}. */
  public NewAccount billingAnchor(Instant billingAnchor) {
    return new NewAccount(
        id, name, currency, billingAnchor, taxPercent, paymentTermsDays, contractId);
  }

  /** With {@code taxPercent} percent tax. */
  public NewAccount taxPercent(BigDecimal taxPercent) {
    return new NewAccount(
        id, name, currency, billingAnchor, taxPercent, paymentTermsDays, contractId);
  }
}
