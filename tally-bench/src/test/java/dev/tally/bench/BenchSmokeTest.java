package dev.tally.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * Runs every scenario at smoke size against a real server process (tally-dist's jars) and checks
 * that the JSON holds a figure for each. Not the targets: those are for {@code ./tally bench}.
 */
class BenchSmokeTest {
  @TempDir Path work;

  @Test
  void everyScenarioProducesFigures() throws Exception {
    Path out = work.resolve("smoke.json");
    int exit =
        new CommandLine(new Bench())
            .execute(
                "all",
                "--smoke",
                "--dist-lib",
                Path.of("..", "tally-dist", "target", "lib").toString(),
                "--work-dir",
                work.resolve("data").toString(),
                "--out",
                out.toString());
    assertThat(exit).isZero();

    JsonNode scenarios = Bench.read(out).get("scenarios");
    List<String> names = new ArrayList<>();
    scenarios.properties().forEach(entry -> names.add(entry.getKey()));
    assertThat(names).containsExactlyElementsOf(Scenarios.NAMES);
    scenarios.forEach(
        scenario -> assertThat(scenario.get("figure").asText()).doesNotStartWith("FAILED"));

    JsonNode ingest = scenarios.get("ingest");
    assertThat(ingest.get("events_per_second").asDouble()).isPositive();
    assertThat(ingest.get("verification").get("verified").asBoolean()).isTrue();
    assertThat(ingest.get("server").get("jvm_cpu_seconds").asDouble()).isPositive();
    assertThat(scenarios.get("freshness").get("gap_ms").get("p99").asDouble()).isPositive();
    assertThat(scenarios.get("details").get("seed_check").get("verified").asBoolean()).isTrue();
    assertThat(scenarios.get("details").get("latency_ms").get("details").get("p99").asDouble())
        .isPositive();
    assertThat(scenarios.get("list").get("invoices_on_first_page").asInt()).isEqualTo(36);
    assertThat(scenarios.get("list").get("requests_per_second").asDouble()).isPositive();
    // The same figures whatever the default locale (the tests run in German): 1,234.5, not 1.234,5.
    assertThat(scenarios.get("list").get("figure").asText())
        .matches("[0-9,]+ req/s, p99 [0-9]+\\.[0-9] ms");
    assertThat(scenarios.get("startup").get("figure").asText())
        .matches("ready in [0-9]+\\.[0-9]+ s \\(first run [0-9]+\\.[0-9]+ s\\).*");
    assertThat(scenarios.get("billing-run").get("completed").asBoolean()).isTrue();
    assertThat(scenarios.get("billing-run").get("sample_invoice_total_2015_cents").asBoolean())
        .isTrue();
    assertThat(scenarios.get("startup").get("ready_seconds").asDouble()).isPositive();
    assertThat(scenarios.get("startup").get("idle_rss_mb").asDouble()).isPositive();
  }
}
