package dev.tally.client;

/** 401: the token is missing, malformed, unknown or revoked. */
public final class AuthenticationException extends TallyException {
  private static final long serialVersionUID = 1L;

  /** Made by the client from an answer of status {@code status}. */
  public AuthenticationException(String message, int status, String requestId) {
    super(message, status, requestId, null);
  }
}
