package dev.tally.domain.account;

import java.util.Objects;

/** A team of an account: the top level of an invoice's breakdown. */
public record Team(TeamId id, AccountId accountId, String name) {
  public Team {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(accountId, "accountId");
    Objects.requireNonNull(name, "name");
  }
}
