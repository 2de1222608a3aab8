package dev.tally.client.admin;

import java.math.BigDecimal;

/** Changes to an account; null fields stay as they are (id, currency and anchor never change). */
public record AccountChanges(
    String name, BigDecimal taxPercent, Integer paymentTermsDays, String contractId) {}
