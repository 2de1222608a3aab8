package dev.tally.domain.access;

import java.util.List;
import java.util.Optional;

/** Where API tokens are kept, with the hash of their secret and never the secret itself. */
public interface TokenStore {
  void create(ApiToken token, byte[] secretHash);

  /** The token with this id and its secret's hash. */
  Optional<StoredToken> find(String id);

  List<ApiToken> list();

  /** Marks the token revoked; false when there is no such token. */
  boolean revoke(String id, java.time.Instant at);

  /** A token as stored: its facts and the hash of its secret. */
  record StoredToken(ApiToken token, byte[] secretHash) {}
}
