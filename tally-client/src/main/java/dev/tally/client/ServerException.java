package dev.tally.client;

/** 5xx: Tally failed; quote the request id to its operator. */
public final class ServerException extends TallyException {
  private static final long serialVersionUID = 1L;

  /** Made by the client from an answer of status {@code status}. */
  public ServerException(String message, int status, String requestId) {
    super(message, status, requestId, null);
  }
}
