package dev.tally.client.customers;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Map;

/**
 * One line of a {@link CustomerInvoice}: {@code type} is {@code subscription}, {@code usage} or
 * {@code tax}; {@code total} in cents; {@code unitPrice} in cents per unit, possibly fractional,
 * null for tiered prices and tax; the group fields are set on usage lines split by dimension.
 */
public record CustomerLineItem(
    String name,
    String type,
    CreditType creditType,
    BigDecimal quantity,
    BigDecimal unitPrice,
    long total,
    Instant startingAt,
    Instant endingBefore,
    String productId,
    String productType,
    Boolean isProrated,
    String groupKey,
    String groupValue,
    Map<String, String> presentationGroupValues) {}
