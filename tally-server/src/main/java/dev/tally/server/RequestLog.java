package dev.tally.server;

import dev.tally.server.http.Authenticator;
import dev.tally.server.http.RequestIds;
import io.javalin.http.Context;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What every request leaves behind: a line in the {@code tally.http} log and a sample of the {@code
 * tally.http.requests} timer (by method, route and status). The timers are registered once per
 * method, route and status and then kept, instead of being looked up in the registry per request.
 */
final class RequestLog {
  private static final Logger REQUESTS = LoggerFactory.getLogger("tally.http");

  private final MeterRegistry metrics;
  private final Map<TimerKey, Timer> timers = new ConcurrentHashMap<>();

  RequestLog(MeterRegistry metrics) {
    this.metrics = metrics;
  }

  private record TimerKey(String method, String route, int status) {}

  void log(Context ctx, Float millis) {
    String route = ctx.endpoint() == null ? "unmatched" : ctx.endpoint().path;
    int status = ctx.status().getCode();
    timers
        .computeIfAbsent(new TimerKey(ctx.method().name(), route, status), this::timer)
        .record((long) (millis * 1_000_000), TimeUnit.NANOSECONDS);
    if (REQUESTS.isInfoEnabled()) {
      REQUESTS.info(
          "method={} path={} status={} duration_ms={} request_id={} token={}",
          ctx.method(),
          ctx.path(),
          status,
          hundredths(millis),
          RequestIds.of(ctx),
          Authenticator.tokenId(ctx));
    }
  }

  private Timer timer(TimerKey key) {
    return Timer.builder("tally.http.requests")
        .tag("method", key.method())
        .tag("route", key.route())
        .tag("status", Integer.toString(key.status()))
        .publishPercentileHistogram()
        .register(metrics);
  }

  /** {@code millis} with two decimals, as {@code %.2f} in the root locale would write it. */
  static String hundredths(float millis) {
    long hundredths = Math.round(millis * 100.0);
    long fraction = hundredths % 100;
    return (hundredths / 100) + (fraction < 10 ? ".0" : ".") + fraction;
  }
}
