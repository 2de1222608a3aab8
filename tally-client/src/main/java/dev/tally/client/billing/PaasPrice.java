package dev.tally.client.billing;

/** A PaaS price in cents; {@code total} is the sum of the four categories. */
public record PaasPrice(long total, long cpu, long memory, long storage, long gpu) {}
