package dev.tally.client.admin;

import java.time.Instant;

/**
 * An account on a plan over {@code [startsAt, endsAt)}; {@code endsAt} null means open-ended. Also
 * the body to create one ({@code planId} required; {@code startsAt} defaults to the anchor).
 */
public record Subscription(
    String id, String accountId, String planId, Instant startsAt, Instant endsAt) {
  /** A subscription to {@code planId} from the account's anchor, open-ended. */
  public static Subscription to(String planId) {
    return new Subscription(null, null, planId, null, null);
  }
}
