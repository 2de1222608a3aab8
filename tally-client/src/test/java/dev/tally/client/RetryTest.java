package dev.tally.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import dev.tally.client.usage.IngestResult;
import dev.tally.client.usage.UsageEvent;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Retries, against a stand-in HTTP server that fails on cue: a failure here is a proxy's, which no
 * real Tally can be made to produce on demand.
 */
class RetryTest {
  private HttpServer server;
  private final List<String> requestIds = new ArrayList<>();
  private final List<Integer> statuses = new ArrayList<>();

  @BeforeEach
  void start() throws IOException {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext(
        "/",
        exchange -> {
          requestIds.add(exchange.getRequestHeaders().getFirst("X-Request-Id"));
          int status = statuses.isEmpty() ? 200 : statuses.remove(0);
          String body =
              status == 200
                  ? "{\"accepted\":1,\"duplicates\":0,\"finalized\":0,\"failed\":[]}"
                  : "{\"message\":\"busy\"}";
          byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
          exchange.getResponseHeaders().add("X-Request-Id", "proxy");
          exchange.sendResponseHeaders(status, bytes.length);
          exchange.getResponseBody().write(bytes);
          exchange.close();
        });
    server.start();
  }

  @AfterEach
  void stop() {
    server.stop(0);
  }

  private TallyClient client() {
    return TallyClient.builder()
        .baseUrl("http://127.0.0.1:" + server.getAddress().getPort())
        .token("t")
        .retries(2, Duration.ofMillis(1))
        .build();
  }

  private static List<UsageEvent> oneEvent() {
    return List.of(UsageEvent.of("e-1", "acme", "compute", Instant.EPOCH, Map.of()));
  }

  @Test
  void ingestIsRetriedThroughTransientFailures() {
    statuses.addAll(List.of(503, 429));
    assertThat(client().usage().ingest(oneEvent())).isEqualTo(new IngestResult(1, 0));
    assertThat(requestIds).hasSize(3).doesNotHaveDuplicates();
  }

  @Test
  void retriesStopAfterTheLimitWithTheLastFailure() {
    statuses.addAll(List.of(503, 503, 503, 503));
    assertThatThrownBy(() -> client().usage().ingest(oneEvent()))
        .isInstanceOfSatisfying(
            ServerException.class,
            e -> {
              assertThat(e.status()).isEqualTo(503);
              assertThat(e.requestId()).isEqualTo("proxy");
            });
    assertThat(requestIds).hasSize(3);
  }

  @Test
  void aBillingRunIsNeverSentTwice() {
    statuses.add(503);
    assertThatThrownBy(() -> client().admin().invoices().runBilling())
        .isInstanceOf(ServerException.class);
    assertThat(requestIds).hasSize(1);
  }

  @Test
  void aServerErrorIsNotRetried() {
    statuses.add(500);
    assertThatThrownBy(() -> client().usage().ingest(oneEvent()))
        .isInstanceOf(ServerException.class);
    assertThat(requestIds).hasSize(1);
  }
}
