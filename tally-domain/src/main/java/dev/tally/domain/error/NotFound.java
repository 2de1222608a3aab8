package dev.tally.domain.error;

/** An id that names nothing the caller can see. */
public final class NotFound extends TallyException {
  public NotFound(String what, String id) {
    super(what + " " + id + " not found");
  }
}
