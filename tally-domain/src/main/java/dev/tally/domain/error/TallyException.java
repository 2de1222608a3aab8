package dev.tally.domain.error;

/** The root of Tally's exceptions: a failure whose message can be shown to the caller. */
public abstract sealed class TallyException extends RuntimeException
    permits Validation, NotFound, Conflict, Unauthenticated, Forbidden {
  protected TallyException(String message) {
    super(message);
  }
}
