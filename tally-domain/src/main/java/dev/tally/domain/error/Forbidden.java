package dev.tally.domain.error;

/** A valid token that lacks the permission, or the scope, for the request. */
public final class Forbidden extends TallyException {
  public Forbidden(String message) {
    super(message);
  }
}
