package dev.tally.client.billing;

/**
 * One invoice of a list: id, period, lower-case currency code ({@code usd}), {@code total} in cents
 * including tax, {@code subTotal} in cents before tax, and whether it was paid.
 */
public record InvoiceSummary(
    String id, Period period, String currency, long total, long subTotal, Boolean paid) {}
