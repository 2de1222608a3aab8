package dev.tally.client;

import java.io.IOException;

/** No answer: the server could not be reached, the connection broke or the call timed out. */
public final class ConnectionException extends TallyException {
  private static final long serialVersionUID = 1L;

  /** Wraps the I/O failure of a call to {@code target} (method and URL). */
  public ConnectionException(String target, IOException cause) {
    super("could not reach Tally at " + target + ": " + reason(cause), 0, null, cause);
  }

  private static String reason(IOException cause) {
    return switch (cause) {
      case java.net.ConnectException refused -> "connection refused";
      case java.net.http.HttpTimeoutException timeout -> "timed out";
      default -> cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
    };
  }
}
