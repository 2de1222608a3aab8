package dev.tally.domain.invoice;

import java.time.Instant;
import java.util.Objects;

/**
 * What a payment provider last reported about an invoice: the provider ({@code stripe}), its
 * status, the provider's id of the invoice (may be null) and when Tally recorded it.
 */
public record Payment(
    String provider, PaymentStatus status, String externalId, Instant reportedAt) {
  public Payment {
    Objects.requireNonNull(provider, "provider");
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(reportedAt, "reportedAt");
  }
}
