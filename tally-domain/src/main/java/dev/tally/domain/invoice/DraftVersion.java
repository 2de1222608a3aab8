package dev.tally.domain.invoice;

import java.util.Objects;

/**
 * The version of what an account's drafts are drawn from, in two parts: {@code inputs} changes with
 * the account, its tree, subscriptions, discounts, credit grants and the states of its invoices
 * (whether each is paid included); {@code usage} with every usage event any meter counts.
 */
public record DraftVersion(String inputs, String usage) {
  public DraftVersion {
    Objects.requireNonNull(inputs, "inputs");
    Objects.requireNonNull(usage, "usage");
  }
}
