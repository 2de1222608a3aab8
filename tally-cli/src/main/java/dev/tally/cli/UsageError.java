package dev.tally.cli;

/** A mistake in how the command was called (exit code 2): no server, an unreadable file, ... */
final class UsageError extends RuntimeException {
  private static final long serialVersionUID = 1L;

  UsageError(String message) {
    super(message);
  }
}
