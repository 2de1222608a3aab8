package dev.tally.domain.error;

/** A missing, unknown or revoked API token. */
public final class Unauthenticated extends TallyException {
  public Unauthenticated(String message) {
    super(message);
  }
}
