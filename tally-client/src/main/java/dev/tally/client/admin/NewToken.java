package dev.tally.client.admin;

import java.util.List;

/**
 * A token to issue: {@code kind} operator, account (with {@code accountId}) or team (with {@code
 * teamId}); {@code permissions} default to BILLING_READ.
 */
public record NewToken(
    String kind, String accountId, String teamId, String name, List<String> permissions) {
  /** An account token reading the billing of {@code accountId}. */
  public static NewToken account(String accountId) {
    return new NewToken("account", accountId, null, null, null);
  }

  /** A team token reading the share of {@code teamId}. */
  public static NewToken team(String teamId) {
    return new NewToken("team", null, teamId, null, null);
  }

  /** An operator token. */
  public static NewToken operator() {
    return new NewToken("operator", null, null, null, null);
  }
}
