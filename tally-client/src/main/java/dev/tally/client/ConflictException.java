package dev.tally.client;

/** 409: the id chosen for a new object is already taken. */
public final class ConflictException extends TallyException {
  private static final long serialVersionUID = 1L;

  /** Made by the client from an answer of status {@code status}. */
  public ConflictException(String message, int status, String requestId) {
    super(message, status, requestId, null);
  }
}
