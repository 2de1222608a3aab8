package dev.tally.client.admin;

import java.util.List;

/** What a billing run did: how many drafts it finalized, and the ids of those it could not. */
public record BillingRun(int finalized, List<String> failed) {}
