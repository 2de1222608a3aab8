package dev.tally.client;

/** 403: the token is valid but may not make this call (wrong kind, permission or team). */
public final class PermissionException extends TallyException {
  private static final long serialVersionUID = 1L;

  /** Made by the client from an answer of status {@code status}. */
  public PermissionException(String message, int status, String requestId) {
    super(message, status, requestId, null);
  }
}
