package dev.tally.client;

/** Any other error status (for instance 405), with the server's message. */
public final class ApiException extends TallyException {
  private static final long serialVersionUID = 1L;

  /** Made by the client from an answer of status {@code status}. */
  public ApiException(String message, int status, String requestId) {
    super(message, status, requestId, null);
  }
}
