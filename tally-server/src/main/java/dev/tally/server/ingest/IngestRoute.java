package dev.tally.server.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tally.domain.account.AccountId;
import dev.tally.domain.billing.IngestService;
import dev.tally.domain.error.FieldErrors;
import dev.tally.domain.error.Validation;
import dev.tally.domain.usage.IngestResult;
import dev.tally.domain.usage.MeteredEvent;
import dev.tally.domain.usage.UsageEvent;
import dev.tally.server.http.Authenticator;
import dev.tally.server.http.JsonInput;
import dev.tally.server.http.WireJson;
import io.javalin.http.Context;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * Accepts a bare JSON array of 1 to 100 events {@code {transaction_id, customer_id, event_type,
 * timestamp, properties}} from an operator. The answer comes only after the batch is committed.
 *
 * <p>A batch is parsed, checked and metered on one of a few platform threads of its own ({@link
 * #WORKERS}), not on the request's virtual thread, which then waits for it to be stored: the
 * virtual threads share one carrier per core, first come first served, and a read queued behind
 * many batches' parsing waited for all of it (docs/performance.md, freshness). On platform threads
 * the operating system's scheduler shares the cores, and a read that wakes runs soon.
 */
public final class IngestRoute {
  public static final int MAX_BATCH = 100;
  public static final int MAX_TRANSACTION_ID = 128;

  /** The most digits a stored number may have before or after its decimal point. */
  private static final int MAX_DIGITS = 1000;

  private final IngestService ingest;
  private final Authenticator authenticator;
  private final Counter accepted;
  private final Counter duplicates;
  private final Counter rejected;

  /** How many batches are parsed and metered at once: one per core. */
  static final int WORKERS = Math.max(2, Runtime.getRuntime().availableProcessors());

  private final ThreadPoolExecutor workers =
      new ThreadPoolExecutor(
          WORKERS,
          WORKERS,
          5,
          TimeUnit.SECONDS,
          new LinkedBlockingQueue<>(),
          Thread.ofPlatform()
              .daemon()
              .priority(Thread.MIN_PRIORITY)
              .name("tally-ingest-", 0)
              .factory());

  public IngestRoute(IngestService ingest, Authenticator authenticator, MeterRegistry registry) {
    this.ingest = Objects.requireNonNull(ingest, "ingest");
    this.authenticator = Objects.requireNonNull(authenticator, "authenticator");
    this.accepted = registry.counter("tally.ingest.events", "outcome", "accepted");
    this.duplicates = registry.counter("tally.ingest.events", "outcome", "duplicate");
    this.rejected = registry.counter("tally.ingest.events", "outcome", "rejected");
    workers.allowCoreThreadTimeOut(true);
  }

  public void handle(Context ctx) {
    authenticator.authenticate(ctx).requireOperator();
    String contentType = ctx.contentType();
    if (contentType == null || !contentType.toLowerCase().startsWith("application/json")) {
      throw new Validation("Content-Type must be application/json");
    }
    byte[] bytes = ctx.bodyAsBytes();
    List<MeteredEvent> metered = onWorker(() -> meter(bytes));
    IngestResult result;
    try {
      result = ingest.store(metered);
    } catch (Validation e) {
      rejected.increment(metered.size());
      throw e;
    }
    accepted.increment(result.accepted());
    duplicates.increment(result.duplicates());
    Map<String, Object> response = new LinkedHashMap<>();
    response.put("accepted", result.accepted());
    response.put("duplicates", result.duplicates());
    ctx.json(response);
  }

  /** Runs {@code work} on an ingest worker and returns its result or throws what it threw. */
  private <T> T onWorker(Callable<T> work) {
    Future<T> future = workers.submit(work);
    try {
      return future.get();
    } catch (ExecutionException e) {
      if (e.getCause() instanceof RuntimeException cause) {
        throw cause;
      }
      if (e.getCause() instanceof Error cause) {
        throw cause;
      }
      throw new IllegalStateException(e.getCause());
    } catch (InterruptedException e) {
      future.cancel(true);
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while the batch was metered", e);
    }
  }

  /** Parses, checks and meters a batch. */
  private List<MeteredEvent> meter(byte[] bytes) {
    JsonNode body = WireJson.parse(bytes);
    if (!body.isArray()) {
      throw new Validation("the body must be a JSON array of usage events");
    }
    if (body.isEmpty()) {
      throw new Validation("the batch is empty; send 1 to " + MAX_BATCH + " events");
    }
    if (body.size() > MAX_BATCH) {
      throw new Validation(
          "the batch has " + body.size() + " events; at most " + MAX_BATCH + " are accepted");
    }
    FieldErrors errors = new FieldErrors();
    List<UsageEvent> events = new ArrayList<>();
    for (int index = 0; index < body.size(); index++) {
      events.add(read(body.get(index), "[" + index + "]", errors));
    }
    try {
      return ingest.meter(events, errors);
    } catch (Validation e) {
      rejected.increment(events.size());
      throw e;
    }
  }

  private static UsageEvent read(JsonNode node, String path, FieldErrors errors) {
    if (node == null || !node.isObject()) {
      errors.add(path, "must be an object");
      return null;
    }
    JsonInput input = new JsonInput(node, path, errors);
    int before = errors.list().size();
    String transactionId = input.text("transaction_id", true);
    if (transactionId != null && transactionId.length() > MAX_TRANSACTION_ID) {
      errors.add(
          input.field("transaction_id"), "must be at most " + MAX_TRANSACTION_ID + " characters");
    }
    String customerId = input.text("customer_id", true);
    String eventType = input.text("event_type", true);
    Instant timestamp = input.instant("timestamp", true);
    JsonNode properties = node.get("properties");
    if (properties != null && !properties.isNull() && !properties.isObject()) {
      errors.add(input.field("properties"), "must be an object");
    }
    if (errors.list().size() > before) {
      return null;
    }
    if (properties != null && properties.isObject()) {
      checkStorable(properties, input.field("properties"), errors);
    }
    if (errors.list().size() > before) {
      return null;
    }
    Map<String, Object> values = new LinkedHashMap<>();
    if (properties != null && properties.isObject()) {
      properties
          .properties()
          .forEach(entry -> values.put(entry.getKey(), toJava(entry.getValue())));
    }
    return new UsageEvent(transactionId, new AccountId(customerId), eventType, timestamp, values);
  }

  /**
   * Refuses property values PostgreSQL cannot store: text with NUL characters and numbers beyond
   * what its numeric type holds (such as 1e999999, which is short to write but huge).
   */
  private static void checkStorable(JsonNode node, String path, FieldErrors errors) {
    if (node.isTextual() && node.asText().indexOf('\u0000') >= 0) {
      errors.add(path, "must not contain the NUL character");
    } else if (node.isNumber()) {
      java.math.BigDecimal number = node.decimalValue();
      if (Math.abs(number.scale()) > MAX_DIGITS
          || number.precision() - number.scale() > MAX_DIGITS) {
        errors.add(path, "is a number too large or too precise to store");
      }
    } else if (node.isArray()) {
      for (int i = 0; i < node.size(); i++) {
        checkStorable(node.get(i), path + "[" + i + "]", errors);
      }
    } else if (node.isObject()) {
      node.properties()
          .forEach(
              entry -> {
                if (entry.getKey().indexOf('\u0000') >= 0) {
                  errors.add(path, "must not have a key with the NUL character");
                } else {
                  checkStorable(entry.getValue(), path + "." + entry.getKey(), errors);
                }
              });
    }
  }

  private static Object toJava(JsonNode node) {
    if (node.isNumber()) {
      return node.decimalValue();
    }
    if (node.isTextual()) {
      return node.asText();
    }
    if (node.isBoolean()) {
      return node.asBoolean();
    }
    if (node.isArray()) {
      List<Object> list = new ArrayList<>();
      node.forEach(item -> list.add(toJava(item)));
      return list;
    }
    if (node.isObject()) {
      Map<String, Object> map = new LinkedHashMap<>();
      node.properties().forEach(entry -> map.put(entry.getKey(), toJava(entry.getValue())));
      return map;
    }
    return null;
  }
}
