package dev.tally.client;

import dev.tally.client.Transport.Retry;
import dev.tally.client.usage.IngestResult;
import dev.tally.client.usage.UsageEvent;
import java.util.List;

/** Usage ingest (operator token). */
public final class Usage {
  /** The most events one call may carry. */
  public static final int MAX_BATCH = 100;

  private final Transport transport;

  Usage(Transport transport) {
    this.transport = transport;
  }

  /**
   * Sends 1 to {@value #MAX_BATCH} events as one all-or-nothing batch: either every event is stored
   * (or found already stored) or a {@link ValidationException} names each bad one as {@code
   * [index].field} and nothing is stored. Retried on connection failures and 429/502/503/504, which
   * transaction ids make safe.
   */
  public IngestResult ingest(List<UsageEvent> events) {
    if (events.isEmpty() || events.size() > MAX_BATCH) {
      throw new IllegalArgumentException(
          "a batch has 1 to " + MAX_BATCH + " events, not " + events.size());
    }
    return transport.call(
        "POST",
        "/v1/ingest",
        Query.of(),
        events,
        Json.SNAKE,
        Json.SNAKE.constructType(IngestResult.class),
        Retry.SAFE);
  }
}
