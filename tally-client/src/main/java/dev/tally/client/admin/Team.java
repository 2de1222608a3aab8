package dev.tally.client.admin;

/** A team of an account. */
public record Team(String id, String accountId, String name) {}
