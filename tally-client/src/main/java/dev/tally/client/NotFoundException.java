package dev.tally.client;

/** 404: the account, invoice or other object named in the call does not exist (or is not yours). */
public final class NotFoundException extends TallyException {
  private static final long serialVersionUID = 1L;

  /** Made by the client from an answer of status {@code status}. */
  public NotFoundException(String message, int status, String requestId) {
    super(message, status, requestId, null);
  }
}
