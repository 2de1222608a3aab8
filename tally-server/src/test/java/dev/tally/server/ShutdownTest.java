package dev.tally.server;

import static dev.tally.server.TallyTestServer.OPERATOR_TOKEN;
import static dev.tally.server.TallyTestServer.event;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tally.postgres.EmbeddedDatabase;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code tally serve} stopped by a signal, as Ctrl-C or a service manager stops it: Tally closes
 * itself (the last fold of pending usage included) before its embedded PostgreSQL stops.
 */
class ShutdownTest {
  @Test
  void aStartThatFailsStopsThePostgresItStarted(@TempDir Path dataDirectory) {
    assertThatThrownBy(
            () ->
                Tally.start(
                    TallyConfig.embedded(dataDirectory).withOperatorToken("not-a-token"),
                    java.time.Clock.systemUTC()))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(dataDirectory.resolve("pg").resolve("postmaster.pid"))
        .as("the embedded PostgreSQL is stopped")
        .doesNotExist();
  }

  @Test
  void aStopSignalFoldsPendingUsageBeforeThePostgresStops(@TempDir Path dataDirectory)
      throws Exception {
    String java = ProcessHandle.current().info().command().orElse("java");
    Process server =
        new ProcessBuilder(
                java,
                "-cp",
                System.getProperty("java.class.path"),
                Main.class.getName(),
                "serve",
                "--port",
                "0",
                "--data-dir",
                dataDirectory.toString(),
                "--operator-token",
                OPERATOR_TOKEN)
            .redirectErrorStream(true)
            .start();
    StringBuilder output = new StringBuilder();
    CompletableFuture<String> baseUrl = new CompletableFuture<>();
    Thread reader =
        Thread.ofPlatform()
            .start(
                () -> {
                  try (BufferedReader lines =
                      new BufferedReader(
                          new InputStreamReader(server.getInputStream(), StandardCharsets.UTF_8))) {
                    String line;
                    while ((line = lines.readLine()) != null) {
                      synchronized (output) {
                        output.append(line).append('\n');
                      }
                      int at = line.indexOf("Tally is running on ");
                      if (at >= 0) {
                        baseUrl.complete(line.substring(at + 20).split("\\s+")[0]);
                      }
                    }
                  } catch (java.io.IOException e) {
                    baseUrl.completeExceptionally(e);
                  }
                  baseUrl.completeExceptionally(new IllegalStateException("no start line"));
                });
    try {
      Http operator = new Http(baseUrl.get(60, TimeUnit.SECONDS), OPERATOR_TOKEN);
      Catalog.accountOnPlan(operator, "stop", "Stop");
      operator
          .post(
              "/v1/ingest",
              List.of(
                  event(
                      "stop-1",
                      "stop",
                      "api_request",
                      Instant.now().minusSeconds(60),
                      Map.of("count", 7))))
          .expect(200);
    } finally {
      server.destroy(); // SIGTERM
    }
    assertThat(server.waitFor(60, TimeUnit.SECONDS)).as("the server stops").isTrue();
    reader.join(10_000);
    String log;
    synchronized (output) {
      log = output.toString();
    }
    assertThat(log)
        .as("the server's output")
        .doesNotContain("terminating connection")
        .doesNotContain("Exception");

    try (EmbeddedDatabase database = EmbeddedDatabase.start(dataDirectory, 0);
        Connection connection = DriverManager.getConnection(database.jdbcUrl("postgres"));
        Statement statement = connection.createStatement();
        ResultSet pending = statement.executeQuery("select count(*) from usage_pending")) {
      pending.next();
      assertThat(pending.getLong(1)).as("pending usage left unfolded").isZero();
    }
  }
}
