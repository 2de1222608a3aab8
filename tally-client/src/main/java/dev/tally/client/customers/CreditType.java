package dev.tally.client.customers;

/** What an invoice is counted in: for USD, id {@code 2714e483-...} and name {@code USD (cents)}. */
public record CreditType(String id, String name) {}
