package dev.tally.client.admin;

/** A BYOC cluster of an account. */
public record Cluster(String id, String accountId, String name) {}
