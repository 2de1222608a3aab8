package dev.tally.server;

import static dev.tally.server.TallyTestServer.MARCH;
import static dev.tally.server.TallyTestServer.NOW;
import static dev.tally.server.TallyTestServer.event;
import static dev.tally.server.TallyTestServer.line;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.RepetitionInfo;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The invoice breakdown of PaaS usage (team, project, resource type, resource) and BYOC usage
 * (cluster): every level sums exactly to its parent and to the invoice's lines, subtotal is the sum
 * of the lines and total is subtotal plus tax.
 */
class BreakdownTest {
  /** PaaS categories in the breakdown's price objects, and the line category each one sums. */
  private static final Map<String, String> PAAS =
      Map.of(
          "cpu", "paas.cpu", "memory", "paas.memory", "storage", "paas.storage", "gpu", "paas.gpu");

  private static final Map<String, String> BYOC =
      Map.of(
          "vcpu", "byoc.vcpu",
          "memory", "byoc.memory",
          "gpu_memory", "byoc.gpuMemory",
          "cluster", "byoc.cluster");

  /** The base seed of the random usage; repetition n uses SEED + n. */
  private static final long SEED = 1_773_144_000L;

  @RegisterExtension static final TallyTestServer server = new TallyTestServer();

  /** An account's tree: two teams, three projects, resources of five types, two clusters. */
  private record Tree(String account, List<String> resources, List<String> clusters) {
    static Tree of(String account) {
      String platform = server.team(account, account + "-platform");
      String api = server.project(platform, account + "-api");
      String data = server.project(platform, account + "-data");
      String models = server.project(server.team(account, account + "-ml"), account + "-models");
      List<String> resources =
          List.of(
              server.resource(api, account + "-web", "service"),
              server.resource(api, account + "-cron", "job"),
              server.resource(api, account + "-db", "addon"),
              server.resource(data, account + "-volume", "volume"),
              server.resource(data, account + "-etl", "service"),
              server.resource(models, account + "-llm", "llm-model-deployment"),
              server.resource(models, account + "-infra", "opentofu-job"));
      List<String> clusters =
          List.of(
              server.cluster(account, account + "-eu"), server.cluster(account, account + "-us"));
      return new Tree(account, resources, clusters);
    }

    Map<String, Object> compute(String transactionId, int resource, Map<String, ?> usage) {
      Map<String, Object> properties = new java.util.HashMap<>(usage);
      properties.put("resource_id", resources.get(resource));
      return event(transactionId, account, "compute", at(), properties);
    }

    Map<String, Object> storage(String transactionId, int resource, Object gb) {
      return event(
          transactionId,
          account,
          "storage",
          at(),
          Map.of("resource_id", resources.get(resource), "gb", gb));
    }

    Map<String, Object> byoc(String transactionId, int cluster, Map<String, ?> usage) {
      Map<String, Object> properties = new java.util.HashMap<>(usage);
      properties.put("cluster_id", clusters.get(cluster));
      return event(transactionId, account, "byoc", at(), properties);
    }

    Map<String, Object> clusterHour(String transactionId, int cluster) {
      return event(
          transactionId,
          account,
          "byoc_cluster_hour",
          at(),
          Map.of("cluster_id", clusters.get(cluster)));
    }

    private static Instant at() {
      return NOW.minusSeconds(3600);
    }
  }

  @Test
  void everyLevelOfTheBreakdownAddsUpToTheLines() {
    Tree tree = Tree.of(server.customer("acme", MARCH, 19));
    server.record(
        List.of(
            tree.compute("c0", 0, Map.of("vcpu_hours", 1.3, "gb_hours", 3.3)),
            tree.compute("c1", 1, Map.of("vcpu_hours", 0.7)),
            tree.compute("c2", 2, Map.of("vcpu_hours", 2.2, "gb_hours", 7.1)),
            tree.compute("c4", 4, Map.of("vcpu_hours", 0.9)),
            tree.compute("c5", 5, Map.of("vcpu_hours", 5.1, "gpu_hours", 12)),
            tree.storage("s2", 2, 20),
            tree.storage("s3a", 3, 60),
            tree.storage("s3b", 3, 100),
            tree.byoc("b0", 0, Map.of("vcpu_hours", 7.7, "gb_hours", 13, "gpu_gb_hours", 50)),
            tree.byoc("b1", 1, Map.of("vcpu_hours", 3.1, "gb_hours", 2, "gpu_gb_hours", 70)),
            tree.clusterHour("h0", 0),
            tree.clusterHour("h1", 0),
            tree.clusterHour("h2", 0),
            tree.clusterHour("h3", 1),
            tree.clusterHour("h4", 1)));

    JsonNode invoice = server.currentInvoice(tree.account());

    assertAddsUp(invoice);
    assertThat(lineTotal(invoice, Catalog.CPU)).as("10.2 vCPU h x 2.5 = 25.5").isEqualTo(26);
    assertThat(lineTotal(invoice, Catalog.MEMORY)).as("10.4 GB h x 0.35 = 3.64").isEqualTo(4);
    assertThat(lineTotal(invoice, Catalog.STORAGE))
        .as("max 20 + max 100 GB x 0.07 = 8.4")
        .isEqualTo(8);
    assertThat(lineTotal(invoice, Catalog.GPU)).as("10 x 150 + 2 x 120").isEqualTo(1740);
    assertThat(lineTotal(invoice, Catalog.BYOC_VCPU)).as("10.8 x 1.3 = 14.04").isEqualTo(14);
    assertThat(lineTotal(invoice, Catalog.BYOC_MEMORY)).as("15 x 0.17 = 2.55").isEqualTo(3);
    assertThat(lineTotal(invoice, Catalog.BYOC_GPU_MEMORY)).as("120, all at 0.6").isEqualTo(72);
    assertThat(lineTotal(invoice, Catalog.BYOC_CLUSTER)).as("5 x 12.5 = 62.5").isEqualTo(63);
    assertThat(invoice.path("subtotal").asLong())
        .isEqualTo(1000 + 26 + 4 + 8 + 1740 + 14 + 3 + 72 + 63);
    assertThat(invoice.path("tax").path("amount").asLong())
        .as("19% of 2930 = 556.7")
        .isEqualTo(557);
    JsonNode paas = invoice.path("breakdown").path("paas");
    assertThat(ids(paas.path("teams"))).containsExactly("acme-ml", "acme-platform");
    JsonNode platform = paas.path("teams").get(1);
    assertThat(ids(platform.path("projects"))).containsExactly("acme-api", "acme-data");
    JsonNode api = platform.path("projects").get(0);
    assertThat(api.path("resource_types").findValuesAsText("resource_type"))
        .containsExactlyInAnyOrder("service", "job", "addon");
    assertThat(api.path("price").path("cpu").asLong() + api.path("price").path("storage").asLong())
        .isPositive();
    assertThat(paas.path("teams").get(0).path("price").path("gpu").asLong()).isEqualTo(1740);
    assertThat(paas.path("price").path("total").asLong()).isEqualTo(26 + 4 + 8 + 1740);
    assertThat(invoice.path("breakdown").path("byoc").path("price").path("total").asLong())
        .isEqualTo(14 + 3 + 72 + 63);
    assertThat(invoice.path("breakdown").path("byoc").path("clusters").findValuesAsText("name"))
        .containsExactly("Cluster acme-eu", "Cluster acme-us");
  }

  /** A property over random usage of every resource and cluster, each drawn from its own seed. */
  @RepeatedTest(5)
  void theBreakdownAddsUpForAnyUsage(RepetitionInfo repetition) {
    long seed = SEED + repetition.getCurrentRepetition();
    Random random = new Random(seed);
    Tree tree = Tree.of(server.customer("random-" + repetition.getCurrentRepetition(), MARCH, 7));
    List<Map<String, Object>> events = new ArrayList<>();
    for (int i = 0; i < tree.resources().size(); i++) {
      events.add(
          tree.compute(
              "c" + i, i, Map.of("vcpu_hours", amount(random), "gb_hours", amount(random))));
      events.add(tree.storage("s" + i, i, amount(random)));
    }
    for (int i = 0; i < tree.clusters().size(); i++) {
      events.add(
          tree.byoc("b" + i, i, Map.of("vcpu_hours", amount(random), "gb_hours", amount(random))));
    }
    server.record(events);

    JsonNode invoice = server.currentInvoice(tree.account());

    assertThat(invoice.path("subtotal").asLong()).as("seed " + seed).isPositive();
    assertAddsUp(invoice);
  }

  /** A usage amount from 0 to 1000 with three decimals. */
  private static BigDecimal amount(Random random) {
    return BigDecimal.valueOf(random.nextLong(1_000_001), 3);
  }

  private static void assertAddsUp(JsonNode invoice) {
    long lines = 0;
    for (JsonNode line : invoice.path("lines")) {
      lines += line.path("total").asLong();
    }
    long subtotal = invoice.path("subtotal").asLong();
    BigDecimal percent = invoice.path("tax").path("percent").decimalValue();
    long tax = invoice.path("tax").path("amount").asLong();
    assertThat(subtotal).as("subtotal = sum of the lines").isEqualTo(lines);
    assertThat(tax)
        .as("tax = percent of the subtotal, rounded half up")
        .isEqualTo(
            BigDecimal.valueOf(subtotal)
                .multiply(percent)
                .movePointLeft(2)
                .setScale(0, RoundingMode.HALF_UP)
                .longValueExact());
    assertThat(invoice.path("total").asLong())
        .as("total = subtotal + tax")
        .isEqualTo(subtotal + tax);

    JsonNode paas = invoice.path("breakdown").path("paas");
    assertSumsToLines(invoice, paas.path("price"), PAAS);
    assertEachLevelSums(paas, List.of("teams", "projects", "resource_types", "resources"));
    JsonNode byoc = invoice.path("breakdown").path("byoc");
    assertSumsToLines(invoice, byoc.path("price"), BYOC);
    assertSumsTo(byoc.path("price"), byoc.path("clusters"), BYOC, "BYOC");
  }

  /**
   * At {@code node} and below it, each price is the sum of its children's, where the children of a
   * node are under the first of {@code levels} and theirs under the next.
   */
  private static void assertEachLevelSums(JsonNode node, List<String> levels) {
    if (levels.isEmpty()) {
      return;
    }
    JsonNode children = node.path(levels.getFirst());
    assertSumsTo(node.path("price"), children, PAAS, levels.getFirst() + " of " + node.path("id"));
    for (JsonNode child : children) {
      assertEachLevelSums(child, levels.subList(1, levels.size()));
    }
  }

  /** Each category of {@code price} is the sum of that category over {@code children}. */
  private static void assertSumsTo(
      JsonNode price, JsonNode children, Map<String, String> categories, String level) {
    long total = 0;
    for (String category : categories.keySet()) {
      long sum = 0;
      for (JsonNode child : children) {
        sum += child.path("price").path(category).asLong();
      }
      assertThat(price.path(category).asLong()).as(level + " " + category).isEqualTo(sum);
      total += price.path(category).asLong();
    }
    assertThat(price.path("total").asLong()).as(level + " total").isEqualTo(total);
  }

  /** Each category of {@code price} is the sum of the invoice's lines of that category. */
  private static void assertSumsToLines(
      JsonNode invoice, JsonNode price, Map<String, String> categories) {
    categories.forEach(
        (category, lineCategory) -> {
          long sum = 0;
          for (JsonNode line : invoice.path("lines")) {
            if (lineCategory.equals(line.path("category").asText())) {
              sum += line.path("total").asLong();
            }
          }
          assertThat(price.path(category).asLong()).as(lineCategory + " lines").isEqualTo(sum);
        });
  }

  private static List<String> ids(JsonNode nodes) {
    List<String> ids = new ArrayList<>();
    nodes.forEach(node -> ids.add(node.path("id").asText()));
    return ids;
  }

  private static long lineTotal(JsonNode invoice, String meterId) {
    return line(invoice, meterId).path("total").asLong();
  }
}
