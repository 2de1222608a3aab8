package dev.tally.client.billing;

/** A BYOC price in cents; {@code total} is the sum of the four categories. */
public record ByocPrice(long total, long vcpu, long memory, long gpuMemory, long cluster) {}
