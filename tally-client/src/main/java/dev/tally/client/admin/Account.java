package dev.tally.client.admin;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * A billing account (Metronome's customer): ISO 4217 {@code currency}, monthly periods from {@code
 * billingAnchor}, {@code taxPercent} 0-100, {@code contractId} null when none.
 */
public record Account(
    String id,
    String name,
    String currency,
    Instant billingAnchor,
    BigDecimal taxPercent,
    int paymentTermsDays,
    String contractId,
    Instant createdAt) {}
