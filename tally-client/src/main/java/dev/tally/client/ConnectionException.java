package dev.tally.client;

import java.io.IOException;

/** No answer: the server could not be reached, the connection broke or the call timed out. */
public final class ConnectionException extends TallyException {
  private static final long serialVersionUID = 1L;

  /** Wraps the I/O failure of a call to {@code target} (method and URL). */
  public ConnectionException(String target, IOException cause) {
    super(
        "could not reach Tally at "
            + target
            + ": "
            + (cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage()),
        0,
        null,
        cause);
  }
}
