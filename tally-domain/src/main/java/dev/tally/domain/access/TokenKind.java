package dev.tally.domain.access;

/** The scope of an API token. */
public enum TokenKind {
  /** The platform that runs Tally: manages everything and ingests usage. */
  OPERATOR,
  /** One account: reads that account's billing. */
  ACCOUNT,
  /** One team of an account: reads that team's share of the billing. */
  TEAM
}
