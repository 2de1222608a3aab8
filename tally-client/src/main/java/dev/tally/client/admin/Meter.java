package dev.tally.client.admin;

import java.util.List;
import java.util.Map;

/**
 * A meter: counts events of {@code eventType} whose properties equal {@code filters}, aggregated by
 * {@code aggregation} (sum, count, max, unique_count) of {@code valueProperty} (null for count),
 * into invoice {@code category} (paas.cpu, ..., byoc.cluster, or usage). Also the body to create
 * one: {@code id}, {@code name}, {@code eventType} and {@code aggregation} are required.
 */
public record Meter(
    String id,
    String name,
    String eventType,
    Map<String, String> filters,
    String aggregation,
    String valueProperty,
    List<String> dimensions,
    String category,
    String unit) {}
