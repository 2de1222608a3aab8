package dev.tally.client;

/**
 * A call to Tally failed. The subclass says why; {@link #status()} is the HTTP status (0 when no
 * answer arrived) and {@link #requestId()} the request id to quote to the operator (null when no
 * answer arrived). Unchecked, like every exception of this library.
 */
public abstract class TallyException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** The HTTP status, 0 when no answer arrived. */
  private final int status;

  /** The request id, or null. */
  private final String requestId;

  /** An exception with the server's message, the HTTP status and the request id (may be null). */
  protected TallyException(String message, int status, String requestId, Throwable cause) {
    super(message, cause);
    this.status = status;
    this.requestId = requestId;
  }

  /** The HTTP status of the answer, or 0 when the server could not be reached. */
  public int status() {
    return status;
  }

  /** The request id of the failed call (the {@code X-Request-Id} Tally logged), or null. */
  public String requestId() {
    return requestId;
  }
}
