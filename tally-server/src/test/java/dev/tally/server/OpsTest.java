package dev.tally.server;

import static dev.tally.server.TallyTestServer.MARCH;
import static dev.tally.server.TallyTestServer.NOW;
import static dev.tally.server.TallyTestServer.event;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** What operations need: a health check, Prometheus metrics and request ids. */
class OpsTest {
  @RegisterExtension static final TallyTestServer server = new TallyTestServer();

  @Test
  void answersTheHealthCheckWithoutAToken() {
    Reply health = server.as(null).get("/healthz").expect(200);

    assertThat(health.json().path("status").asText()).isEqualTo("ok");
  }

  @Test
  void countsIngestedEventsByOutcomeInPrometheusText() {
    String account = server.customer("metered", MARCH);
    double accepted = ingestCounter("accepted");
    double duplicates = ingestCounter("duplicate");
    double rejected = ingestCounter("rejected");

    server
        .ingest(
            List.of(
                event("o-1", account, "api_request", NOW, Map.of("count", 1)),
                event("o-2", account, "api_request", NOW, Map.of("count", 1)),
                event("o-1", account, "api_request", NOW, Map.of("count", 1))))
        .expect(200);
    server
        .ingest(
            List.of(
                event("o-3", account, "api_request", NOW, Map.of("count", 1)),
                event("o-4", "nobody", "api_request", NOW, Map.of("count", 1))))
        .expect(400);

    Reply metrics = server.as(null).get("/metrics").expect(200);
    assertThat(metrics.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/plain");
    assertThat(metrics.body()).contains("# TYPE tally_ingest_events_total counter");
    assertThat(ingestCounter("accepted") - accepted).isEqualTo(2.0);
    assertThat(ingestCounter("duplicate") - duplicates).isEqualTo(1.0);
    assertThat(ingestCounter("rejected") - rejected).isEqualTo(2.0);
  }

  @Test
  void givesEveryRequestAnIdThatItsErrorNames() {
    Reply error = server.operator().get("/admin/v1/accounts/nobody").expect(404);
    Reply health = server.as(null).get("/healthz");

    String id = error.headers().firstValue("X-Request-Id").orElseThrow();
    assertThat(error.json().path("error").path("request_id").asText()).isEqualTo(id);
    assertThat(health.headers().firstValue("X-Request-Id").orElseThrow())
        .matches("req_[0-9a-f]{32}")
        .isNotEqualTo(id);
  }

  @Test
  void timesEveryRequestByRouteAndStatus() {
    double healthy = requestCount("/healthz", "200");

    server.as(null).get("/healthz").expect(200);
    server.as(null).get("/healthz").expect(200);
    server.operator().get("/admin/v1/accounts/nobody").expect(404);

    assertThat(requestCount("/healthz", "200") - healthy).isEqualTo(2.0);
    assertThat(requestCount("/admin/v1/accounts/{accountId}", "404")).isPositive();
  }

  @Test
  void logsDurationsWithTwoDecimalsAsTheFormatterWould() {
    java.util.SplittableRandom random = new java.util.SplittableRandom(7);
    for (int i = 0; i < 100_000; i++) {
      float millis = (float) (random.nextDouble() * (i % 2 == 0 ? 10 : 100_000));
      assertThat(RequestLog.hundredths(millis))
          .as("%s", millis)
          .isEqualTo(String.format(java.util.Locale.ROOT, "%.2f", millis));
    }
    assertThat(RequestLog.hundredths(0.125f)).isEqualTo("0.13");
    assertThat(RequestLog.hundredths(12.3f)).isEqualTo("12.30");
  }

  /** The count of the request timer for a route and status, 0 before its first request. */
  private static double requestCount(String route, String status) {
    String text = server.as(null).get("/metrics").expect(200).body();
    Matcher matcher =
        Pattern.compile(
                "(?m)^tally_http_requests_seconds_count\\{[^}]*route=\""
                    + Pattern.quote(route)
                    + "\",status=\""
                    + status
                    + "\"[^}]*\\} (\\S+)$")
            .matcher(text);
    return matcher.find() ? Double.parseDouble(matcher.group(1)) : 0;
  }

  private static double ingestCounter(String outcome) {
    String text = server.as(null).get("/metrics").expect(200).body();
    Matcher matcher =
        Pattern.compile(
                "(?m)^tally_ingest_events_total\\{[^}]*outcome=\"" + outcome + "\"[^}]*\\} (\\S+)$")
            .matcher(text);
    assertThat(matcher.find()).as("a tally_ingest_events_total line for " + outcome).isTrue();
    return Double.parseDouble(matcher.group(1));
  }
}
