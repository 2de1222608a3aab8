package dev.tally.server;

import static dev.tally.server.TallyTestServer.NOW;
import static dev.tally.server.TallyTestServer.OPERATOR_TOKEN;
import static dev.tally.server.TallyTestServer.event;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tally.domain.time.ManualClock;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Tally on its own embedded PostgreSQL keeps everything in its data directory across restarts. */
class RestartTest {
  @Test
  void keepsAccountsUsageAndTheOperatorTokenAcrossARestart(@TempDir Path dataDirectory) {
    ManualClock clock = new ManualClock(NOW);
    List<Map<String, Object>> batch =
        List.of(
            event("kept-1", "kept", "api_request", NOW.minusSeconds(60), Map.of("count", 4321)));
    JsonNode before;
    try (Tally first =
        Tally.start(TallyConfig.embedded(dataDirectory).withOperatorToken(OPERATOR_TOKEN), clock)) {
      Http operator = Http.to(first, OPERATOR_TOKEN);
      Catalog.accountOnPlan(operator, "kept", "Kept");
      operator.post("/v1/ingest", batch).expect(200);
      before = operator.get("/admin/v1/accounts/kept/invoices").expect(200).json();
    }

    try (Tally second = Tally.start(TallyConfig.embedded(dataDirectory), clock)) {
      Http operator = Http.to(second, OPERATOR_TOKEN);

      assertThat(second.newOperatorToken())
          .as("the stored operator token is kept, no new one")
          .isNull();
      assertThat(operator.get("/admin/v1/accounts/kept").expect(200).json().path("name").asText())
          .isEqualTo("Kept");
      JsonNode after = operator.get("/admin/v1/accounts/kept/invoices").expect(200).json();
      assertThat(after).isEqualTo(before);
      assertThat(after.path("data").get(0).path("total").asLong())
          .as("1000 + 4321 x 0.1")
          .isEqualTo(1432);
      JsonNode again = operator.post("/v1/ingest", batch).expect(200).json();
      assertThat(again.path("duplicates").asInt()).as("transaction ids are kept too").isEqualTo(1);
    }
  }
}
