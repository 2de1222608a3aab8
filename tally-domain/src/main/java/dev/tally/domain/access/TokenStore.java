package dev.tally.domain.access;

import dev.tally.domain.invoice.DraftVersion;
import java.util.List;
import java.util.Optional;

/** Where API tokens are kept, with the hash of their secret and never the secret itself. */
public interface TokenStore {
  void create(ApiToken token, byte[] secretHash);

  /** The token with this id and its secret's hash. */
  Optional<StoredToken> find(String id);

  /**
   * {@link #find} with, read in the same statement, the draft version of the token's account
   * ({@code InvoiceStore.draftVersion}; null for a token of no account): one round trip for a read
   * that answers from what it kept while that version is unchanged.
   */
  Optional<VersionedToken> findWithDraftVersion(String id);

  List<ApiToken> list();

  /** Marks the token revoked; false when there is no such token. */
  boolean revoke(String id, java.time.Instant at);

  /** A token as stored: its facts and the hash of its secret. */
  record StoredToken(ApiToken token, byte[] secretHash) {}

  /** A token as stored, and the draft version of its account read with it (null: no account). */
  record VersionedToken(StoredToken stored, DraftVersion version) {}
}
