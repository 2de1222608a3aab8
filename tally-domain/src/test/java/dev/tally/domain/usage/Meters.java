package dev.tally.domain.usage;

import java.util.List;
import java.util.Map;

/** The meters of an operator selling PaaS, BYOC and API usage, and ways to write others. */
public final class Meters {
  public static final Meter CPU =
      sum("cpu", "container.usage", "cpu_hours", InvoiceCategory.PAAS_CPU);
  public static final Meter MEMORY =
      sum("memory", "container.usage", "gb_hours", InvoiceCategory.PAAS_MEMORY);
  public static final Meter STORAGE =
      sum("storage", "volume.usage", "gb_hours", InvoiceCategory.PAAS_STORAGE);
  public static final Meter GPU =
      sum("gpu", "container.usage", "gpu_hours", InvoiceCategory.PAAS_GPU);
  public static final Meter BYOC_VCPU =
      sum("byoc-vcpu", "cluster.usage", "vcpu_hours", InvoiceCategory.BYOC_VCPU);
  public static final Meter BYOC_MEMORY =
      sum("byoc-memory", "cluster.usage", "gb_hours", InvoiceCategory.BYOC_MEMORY);

  /** API requests counted by region. */
  public static final Meter API_CALLS =
      meter(
          "api-calls",
          "api.request",
          Map.of(),
          Aggregation.COUNT,
          null,
          List.of("region"),
          InvoiceCategory.USAGE);

  /** Build minutes with no dimensions. */
  public static final Meter BUILD_MINUTES =
      sum("build-minutes", "build.finished", "minutes", InvoiceCategory.USAGE);

  private Meters() {}

  /** A meter that sums {@code valueProperty} of every event of {@code eventType}. */
  public static Meter sum(
      String id, String eventType, String valueProperty, InvoiceCategory category) {
    return meter(id, eventType, Map.of(), Aggregation.SUM, valueProperty, List.of(), category);
  }

  /** A meter named by its id. */
  public static Meter meter(
      String id,
      String eventType,
      Map<String, String> filters,
      Aggregation aggregation,
      String valueProperty,
      List<String> dimensions,
      InvoiceCategory category) {
    return new Meter(
        new MeterId(id),
        id,
        eventType,
        filters,
        aggregation,
        valueProperty,
        dimensions,
        category,
        null);
  }
}
