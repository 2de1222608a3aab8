package dev.tally.client.billing;

/**
 * A charge outside the usage breakdown (a plan fee or a plain usage line), in cents: {@code total =
 * base + proration}; {@code base} and {@code proration} are null where the server left them out.
 */
public record LineItem(String title, long total, Long base, Long proration) {}
