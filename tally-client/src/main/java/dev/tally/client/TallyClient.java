package dev.tally.client;

import java.time.Duration;
import java.util.Objects;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * The entry point of the Tally client library: one instance per server and token, safe to share
 * between threads. Calls are grouped by resource; every answer is a record, every failure an
 * unchecked {@link TallyException} by cause carrying the HTTP status and the request id.
 *
 * <pre>{@code
 * TallyClient tally = TallyClient.builder()
 *     .baseUrl("http://127.0.0.1:8080")
 *     .token(System.getenv("TALLY_TOKEN"))
 *     .build();
 *
 * // a customer (account token): every invoice, newest first, fetched a page at a time
 * for (InvoiceSummary invoice : tally.billing().listAllInvoices(50)) {
 *   System.out.println(invoice.id() + " " + invoice.total());   // cents
 * }
 *
 * // the operator: send usage (safe to retry: transaction ids make it idempotent)
 * IngestResult result = tally.usage().ingest(List.of(UsageEvent.of(
 *     "evt-1", "acme", "api.request", Instant.now(), Map.of("requests", 1000))));
 * }</pre>
 */
public final class TallyClient {
  private final Transport transport;

  private TallyClient(Builder builder) {
    this.transport = new Transport(builder);
  }

  /** A builder with the defaults: 10 s to connect, 60 s per request, 2 retries from 200 ms. */
  public static Builder builder() {
    return new Builder();
  }

  /** A customer's invoices through the Northflank-compatible routes (account or team token). */
  public Billing billing() {
    return new Billing(transport, null);
  }

  /** Any customer's invoices through the Metronome-compatible routes (operator token). */
  public CustomerInvoices customerInvoices() {
    return new CustomerInvoices(transport);
  }

  /** Usage ingest (operator token). */
  public Usage usage() {
    return new Usage(transport);
  }

  /** The admin API (operator token). */
  public Admin admin() {
    return new Admin(transport);
  }

  /** Options of a {@link TallyClient}; {@link #baseUrl(String)} is required. */
  public static final class Builder {
    String baseUrl;
    String token;
    Duration connectTimeout = Duration.ofSeconds(10);
    Duration requestTimeout = Duration.ofSeconds(60);
    int maxRetries = 2;
    Duration initialBackoff = Duration.ofMillis(200);
    Supplier<String> requestIds = () -> "tly-java-" + UUID.randomUUID();
    HttpExchange.Listener listener;

    private Builder() {}

    /** The server's address, such as {@code http://127.0.0.1:8080}. */
    public Builder baseUrl(String baseUrl) {
      this.baseUrl = Objects.requireNonNull(baseUrl, "baseUrl");
      return this;
    }

    /** The bearer token (operator, account or team); null sends none. */
    public Builder token(String token) {
      this.token = token;
      return this;
    }

    /** How long to wait for a connection. */
    public Builder connectTimeout(Duration connectTimeout) {
      this.connectTimeout = Objects.requireNonNull(connectTimeout, "connectTimeout");
      return this;
    }

    /** How long to wait for each answer. */
    public Builder requestTimeout(Duration requestTimeout) {
      this.requestTimeout = Objects.requireNonNull(requestTimeout, "requestTimeout");
      return this;
    }

    /**
     * How often a call that is safe to repeat (reads, ingest) is retried after a connection failure
     * or a 429, 502, 503 or 504, waiting {@code initialBackoff} doubled each time (with jitter) or
     * the server's {@code Retry-After}. 0 turns retries off.
     */
    public Builder retries(int maxRetries, Duration initialBackoff) {
      if (maxRetries < 0) {
        throw new IllegalArgumentException("maxRetries must not be negative");
      }
      this.maxRetries = maxRetries;
      this.initialBackoff = Objects.requireNonNull(initialBackoff, "initialBackoff");
      return this;
    }

    /** Where each request's {@code X-Request-Id} comes from (1-64 of A-Z a-z 0-9 _ -). */
    public Builder requestIds(Supplier<String> requestIds) {
      this.requestIds = Objects.requireNonNull(requestIds, "requestIds");
      return this;
    }

    /** Receives every HTTP attempt, without the token (for logging). */
    public Builder onExchange(HttpExchange.Listener listener) {
      this.listener = listener;
      return this;
    }

    /** The client. */
    public TallyClient build() {
      Objects.requireNonNull(baseUrl, "baseUrl");
      return new TallyClient(this);
    }
  }
}
