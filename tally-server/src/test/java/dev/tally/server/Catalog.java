package dev.tally.server;

import java.math.BigDecimal;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The meters and the plan every test server starts with. PaaS meters read {@code compute} and
 * {@code storage} events of a resource, BYOC meters {@code byoc} events of a cluster, and {@code
 * requests} is a plain usage line. Prices are in cents per unit.
 */
final class Catalog {
  static final String PLAN = "standard";
  static final long RECURRING_FEE = 1000;

  static final String REQUESTS = "requests";
  static final String CPU = "cpu";
  static final String MEMORY = "memory";
  static final String STORAGE = "storage";
  static final String GPU = "gpu";
  static final String BYOC_VCPU = "byoc_vcpu";
  static final String BYOC_MEMORY = "byoc_memory";
  static final String BYOC_GPU_MEMORY = "byoc_gpu_memory";
  static final String BYOC_CLUSTER = "byoc_cluster";

  /** requests: 0.1 cents per request. */
  static final String REQUEST_PRICE = "0.1";

  /** cpu: 2.5 cents per vCPU hour. */
  static final String CPU_PRICE = "2.5";

  /** memory: 0.35 cents per GB hour. */
  static final String MEMORY_PRICE = "0.35";

  private Catalog() {}

  static void install(Http operator) {
    meter(operator, REQUESTS, "api_request", "sum", "count", "usage");
    meter(operator, CPU, "compute", "sum", "vcpu_hours", "paas.cpu");
    meter(operator, MEMORY, "compute", "sum", "gb_hours", "paas.memory");
    meter(operator, STORAGE, "storage", "max", "gb", "paas.storage");
    meter(operator, GPU, "compute", "sum", "gpu_hours", "paas.gpu");
    meter(operator, BYOC_VCPU, "byoc", "sum", "vcpu_hours", "byoc.vcpu");
    meter(operator, BYOC_MEMORY, "byoc", "sum", "gb_hours", "byoc.memory");
    meter(operator, BYOC_GPU_MEMORY, "byoc", "sum", "gpu_gb_hours", "byoc.gpuMemory");
    meter(operator, BYOC_CLUSTER, "byoc_cluster_hour", "count", null, "byoc.cluster");
    operator
        .post(
            "/admin/v1/plans",
            Map.of(
                "id",
                PLAN,
                "name",
                "Standard",
                "currency",
                "USD",
                "recurring_fee",
                RECURRING_FEE,
                "prices",
                List.of(
                    perUnit(REQUESTS, REQUEST_PRICE),
                    perUnit(CPU, CPU_PRICE),
                    perUnit(MEMORY, MEMORY_PRICE),
                    perUnit(STORAGE, "0.07"),
                    tiered(GPU, "graduated", 10, "150", "120"),
                    perUnit(BYOC_VCPU, "1.3"),
                    perUnit(BYOC_MEMORY, "0.17"),
                    tiered(BYOC_GPU_MEMORY, "volume", 100, "0.9", "0.6"),
                    perUnit(BYOC_CLUSTER, "12.5"))))
        .expect(201);
  }

  /**
   * Installs the catalog and creates account {@code id} (USD, anchored on March 1st) subscribed to
   * {@link #PLAN}.
   */
  static void accountOnPlan(Http operator, String id, String name) {
    operator
        .post(
            "/admin/v1/accounts",
            Map.of(
                "id", id, "name", name, "currency", "USD", "billing_anchor", TallyTestServer.MARCH))
        .expect(201);
    install(operator);
    operator
        .post("/admin/v1/accounts/" + id + "/subscriptions", Map.of("plan_id", PLAN))
        .expect(201);
  }

  private static void meter(
      Http operator,
      String id,
      String eventType,
      String aggregation,
      String valueProperty,
      String category) {
    var body =
        new HashMap<String, Object>(
            Map.of(
                "id", id,
                "name", id.replace('_', ' '),
                "event_type", eventType,
                "aggregation", aggregation,
                "category", category));
    if (valueProperty != null) {
      body.put("value_property", valueProperty);
    }
    operator.post("/admin/v1/meters", body).expect(201);
  }

  private static Map<String, Object> perUnit(String meterId, String unitPrice) {
    return Map.of(
        "meter_id", meterId, "model", "per_unit", "unit_price", new BigDecimal(unitPrice));
  }

  /**
   * Two tiers split at {@code upTo} units, the first at {@code first}, the open one at {@code
   * then}.
   */
  private static Map<String, Object> tiered(
      String meterId, String model, int upTo, String first, String then) {
    return Map.of(
        "meter_id",
        meterId,
        "model",
        model,
        "tiers",
        List.of(
            Map.of("up_to", upTo, "unit_price", new BigDecimal(first)),
            Map.of("unit_price", new BigDecimal(then))));
  }
}
