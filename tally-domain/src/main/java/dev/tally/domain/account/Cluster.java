package dev.tally.domain.account;

import java.util.Objects;

/** A bring-your-own-cloud cluster of an account; BYOC usage is billed per cluster. */
public record Cluster(ClusterId id, AccountId accountId, String name) {
  public Cluster {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(accountId, "accountId");
    Objects.requireNonNull(name, "name");
  }
}
