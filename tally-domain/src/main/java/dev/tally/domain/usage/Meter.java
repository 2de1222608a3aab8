package dev.tally.domain.usage;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A billable metric: the events it counts (an event type and property filters that must equal), how
 * it aggregates them, the properties it groups by, and the invoice category it feeds. {@code
 * valueProperty} is null for {@link Aggregation#COUNT}.
 */
public record Meter(
    MeterId id,
    String name,
    String eventType,
    Map<String, String> filters,
    Aggregation aggregation,
    String valueProperty,
    List<String> dimensions,
    InvoiceCategory category,
    String unit) {
  public Meter {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(eventType, "eventType");
    Objects.requireNonNull(aggregation, "aggregation");
    Objects.requireNonNull(category, "category");
    filters = Map.copyOf(filters);
    dimensions = List.copyOf(dimensions);
    unit = unit == null ? "unit" : unit;
    if (aggregation.needsValueProperty() && valueProperty == null) {
      throw new IllegalArgumentException(aggregation + " needs a value property");
    }
  }

  /**
   * The properties usage is grouped by: the resource for PaaS meters, the cluster for BYOC meters,
   * and the meter's own dimensions for plain usage lines.
   */
  public List<String> groupBy() {
    if (category.isPaas()) {
      return List.of(InvoiceCategory.RESOURCE_PROPERTY);
    }
    if (category.isByoc()) {
      return List.of(InvoiceCategory.CLUSTER_PROPERTY);
    }
    return dimensions;
  }

  public boolean matches(UsageEvent event) {
    if (!eventType.equals(event.eventType())) {
      return false;
    }
    for (Map.Entry<String, String> filter : filters.entrySet()) {
      Object value = event.properties().get(filter.getKey());
      if (value == null || !filter.getValue().equals(UsageEvent.text(value))) {
        return false;
      }
    }
    return true;
  }
}
