package dev.tally.domain.error;

/** A request that contradicts what is already stored, such as an id that is taken. */
public final class Conflict extends TallyException {
  public Conflict(String message) {
    super(message);
  }
}
