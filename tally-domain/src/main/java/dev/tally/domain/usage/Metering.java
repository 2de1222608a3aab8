package dev.tally.domain.usage;

import dev.tally.domain.error.FieldErrors;
import java.math.BigDecimal;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns an event into the hourly contributions it makes to the meters it matches. An event that a
 * meter matches but that lacks the meter's value property contributes nothing to that meter; a
 * value that is not a number, or is negative, is an error, as is PaaS or BYOC usage with no
 * resource or cluster.
 */
public final class Metering {
  /** Values a meter accepts are below this, so that sums stay exact and printable. */
  static final BigDecimal MAX_VALUE = BigDecimal.TEN.pow(15);

  /** The most decimal places a value may have (floats from JavaScript have up to 17). */
  static final int MAX_SCALE = 18;

  private Metering() {}

  /**
   * The contributions of {@code event} to {@code meters}; problems are added to {@code errors}
   * under {@code field}.
   */
  public static List<Contribution> contributions(
      UsageEvent event, List<Meter> meters, String field, FieldErrors errors) {
    List<Contribution> contributions = new ArrayList<>();
    for (Meter meter : meters) {
      if (!meter.matches(event)) {
        continue;
      }
      Object raw =
          meter.valueProperty() == null ? null : event.properties().get(meter.valueProperty());
      BigDecimal value;
      String distinct = null;
      switch (meter.aggregation()) {
        case COUNT -> value = BigDecimal.ONE;
        case UNIQUE_COUNT -> {
          if (raw == null) {
            continue;
          }
          value = BigDecimal.ONE;
          distinct = UsageEvent.text(raw);
        }
        default -> {
          if (raw == null) {
            continue;
          }
          if (!(raw instanceof BigDecimal number)) {
            errors.add(
                field + ".properties." + meter.valueProperty(),
                "must be a number for meter " + meter.id());
            continue;
          }
          if (number.abs().compareTo(MAX_VALUE) >= 0 || number.scale() > MAX_SCALE) {
            errors.add(
                field + ".properties." + meter.valueProperty(),
                "must be below 10^15 with at most " + MAX_SCALE + " decimal places");
            continue;
          }
          if (number.signum() < 0) {
            errors.add(
                field + ".properties." + meter.valueProperty(),
                "must not be negative for meter " + meter.id());
            continue;
          }
          value = number;
        }
      }
      Map<String, String> dimensions = new LinkedHashMap<>();
      for (String property : meter.groupBy()) {
        Object dimension = event.properties().get(property);
        if (dimension == null && !meter.category().equals(InvoiceCategory.USAGE)) {
          errors.add(
              field + ".properties." + property,
              "is required: meter " + meter.id() + " bills it by " + property);
        }
        dimensions.put(property, dimension == null ? "" : UsageEvent.text(dimension));
      }
      contributions.add(
          new Contribution(
              meter.id(),
              event.timestamp().truncatedTo(ChronoUnit.HOURS),
              dimensions,
              value,
              distinct));
    }
    return contributions;
  }
}
