package dev.tally.domain.usage;

import static dev.tally.domain.usage.Meters.meter;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.tuple;

import dev.tally.domain.account.AccountId;
import dev.tally.domain.error.FieldError;
import dev.tally.domain.error.FieldErrors;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MeteringTest {
  private static final Instant SEEN_AT = Instant.parse("2026-03-08T06:59:59.999Z");
  private static final Instant HOUR = Instant.parse("2026-03-08T06:00:00Z");

  private static final Meter CPU = Meters.CPU;
  private static final Meter PEAK_MEMORY =
      meter(
          "peak-memory",
          "container.usage",
          Map.of(),
          Aggregation.MAX,
          "memory_gb",
          List.of(),
          InvoiceCategory.PAAS_MEMORY);
  private static final Meter BYOC_VCPU = Meters.BYOC_VCPU;
  private static final Meter API_CALLS = Meters.API_CALLS;
  private static final Meter ACTIVE_USERS =
      meter(
          "active-users",
          "api.request",
          Map.of(),
          Aggregation.UNIQUE_COUNT,
          "user_id",
          List.of(),
          InvoiceCategory.USAGE);
  private static final Meter PRO_GPU_CALLS =
      meter(
          "pro-gpu-calls",
          "api.request",
          Map.of("tier", "pro", "gpus", "2", "cached", "false"),
          Aggregation.COUNT,
          null,
          List.of(),
          InvoiceCategory.USAGE);

  private final FieldErrors errors = new FieldErrors();

  @Test
  void sumAndMaxMetersContributeTheValuePropertyPerResource() {
    UsageEvent usage =
        event(
            "container.usage",
            Map.of("resource_id", "r-api", "cpu_hours", decimal("1.5"), "memory_gb", decimal("4")));

    assertThat(Metering.contributions(usage, List.of(CPU, PEAK_MEMORY), "[3]", errors))
        .containsExactly(
            new Contribution(CPU.id(), HOUR, Map.of("resource_id", "r-api"), decimal("1.5"), null),
            new Contribution(
                PEAK_MEMORY.id(), HOUR, Map.of("resource_id", "r-api"), decimal("4"), null));
    assertThat(errors.isEmpty()).isTrue();
  }

  @Test
  void countMetersContributeOneAndGroupByTheirDimensions() {
    List<Contribution> contributions =
        contributions(event("api.request", Map.of("region", "eu", "method", "GET")), API_CALLS);

    assertThat(contributions)
        .containsExactly(
            new Contribution(API_CALLS.id(), HOUR, Map.of("region", "eu"), BigDecimal.ONE, null));
  }

  @Test
  void uniqueCountMetersContributeTheDistinctValueAsText() {
    assertThat(contributions(event("api.request", Map.of("user_id", "u-17")), ACTIVE_USERS))
        .containsExactly(
            new Contribution(ACTIVE_USERS.id(), HOUR, Map.of(), BigDecimal.ONE, "u-17"));
    assertThat(
            contributions(event("api.request", Map.of("user_id", decimal("2.50"))), ACTIVE_USERS))
        .singleElement()
        .extracting(Contribution::distinctValue)
        .isEqualTo("2.5");
  }

  @Test
  void ignoresEventsOfOtherTypes() {
    assertThat(contributions(event("container.started", Map.of("cpu_hours", decimal("1"))), CPU))
        .isEmpty();
  }

  @Test
  void countsOnlyEventsWhosePropertiesEqualEveryFilter() {
    Map<String, Object> matching = Map.of("tier", "pro", "gpus", decimal("2.0"), "cached", false);

    assertThat(PRO_GPU_CALLS.matches(event("api.request", matching))).isTrue();
    assertThat(PRO_GPU_CALLS.matches(event("api.request", with(matching, "tier", "free"))))
        .isFalse();
    assertThat(PRO_GPU_CALLS.matches(event("api.request", with(matching, "gpus", decimal("3")))))
        .isFalse();
    assertThat(PRO_GPU_CALLS.matches(event("api.request", Map.of("tier", "pro", "gpus", "2"))))
        .isFalse();
    assertThat(PRO_GPU_CALLS.matches(event("api.batch", matching))).isFalse();
  }

  @Test
  void anEventWithoutTheValuePropertyContributesNothing() {
    UsageEvent started = event("container.usage", Map.of("resource_id", "r-api"));

    assertThat(contributions(started, CPU)).isEmpty();
    assertThat(contributions(event("api.request", Map.of("region", "eu")), ACTIVE_USERS)).isEmpty();
    assertThat(errors.isEmpty()).isTrue();
  }

  @Test
  void aValueThatIsNotANumberIsAnErrorNamingTheField() {
    List<Contribution> contributions =
        contributions(
            event("container.usage", Map.of("resource_id", "r-api", "cpu_hours", "1.5")), CPU);

    assertThat(contributions).isEmpty();
    assertThat(errors.list())
        .containsExactly(
            new FieldError("[3].properties.cpu_hours", "must be a number for meter cpu"));
  }

  @Test
  void paasUsageWithoutAResourceIsAnError() {
    contributions(event("container.usage", Map.of("cpu_hours", decimal("2"))), CPU);

    assertThat(errors.list())
        .containsExactly(
            new FieldError(
                "[3].properties.resource_id", "is required: meter cpu bills it by resource_id"));
  }

  @Test
  void byocUsageWithoutAClusterIsAnError() {
    contributions(event("cluster.usage", Map.of("vcpu_hours", decimal("2"))), BYOC_VCPU);

    assertThat(errors.list())
        .extracting(FieldError::field)
        .containsExactly("[3].properties.cluster_id");
  }

  @Test
  void plainUsageWithoutADimensionIsGroupedUnderAnEmptyValue() {
    assertThat(contributions(event("api.request", Map.of("method", "GET")), API_CALLS))
        .singleElement()
        .extracting(Contribution::dimensions)
        .isEqualTo(Map.of("region", ""));
    assertThat(errors.isEmpty()).isTrue();
  }

  @Test
  void paasMetersGroupByTheResourceWhateverTheirOwnDimensions() {
    Meter cpuByRegion =
        meter(
            "cpu",
            "container.usage",
            Map.of(),
            Aggregation.SUM,
            "cpu_hours",
            List.of("region"),
            InvoiceCategory.PAAS_CPU);

    assertThat(cpuByRegion.groupBy()).containsExactly("resource_id");
    assertThat(BYOC_VCPU.groupBy()).containsExactly("cluster_id");
    assertThat(API_CALLS.groupBy()).containsExactly("region");
  }

  @Test
  void truncatesTheTimestampToTheHourInUtc() {
    UsageEvent lateInTheHour =
        new UsageEvent(
            "tx-1",
            new AccountId("acme"),
            "api.request",
            Instant.parse("2026-11-01T05:59:59.999999999Z"),
            Map.of("region", "eu"));

    assertThat(Metering.contributions(lateInTheHour, List.of(API_CALLS), "[0]", errors))
        .singleElement()
        .extracting(Contribution::hour)
        .isEqualTo(Instant.parse("2026-11-01T05:00:00Z"));
  }

  @Test
  void oneEventFeedsEveryMeterItMatchesInMeterOrder() {
    UsageEvent usage =
        event(
            "container.usage",
            Map.of("resource_id", "r-api", "cpu_hours", decimal("1"), "memory_gb", decimal("2")));

    assertThat(Metering.contributions(usage, List.of(PEAK_MEMORY, API_CALLS, CPU), "[3]", errors))
        .extracting(Contribution::meterId, Contribution::value)
        .containsExactly(tuple(PEAK_MEMORY.id(), decimal("2")), tuple(CPU.id(), decimal("1")));
  }

  @Test
  void collectsTheErrorsOfEveryMeterAtOnce() {
    UsageEvent bad = event("container.usage", Map.of("cpu_hours", "lots", "memory_gb", true));

    Metering.contributions(bad, List.of(CPU, PEAK_MEMORY), "[3]", errors);

    assertThat(errors.list())
        .extracting(FieldError::field)
        .containsExactly("[3].properties.cpu_hours", "[3].properties.memory_gb");
  }

  @Test
  void aMeterThatAggregatesValuesNeedsAValueProperty() {
    assertThatIllegalArgumentException()
        .isThrownBy(() -> Meters.sum("cpu", "container.usage", null, InvoiceCategory.PAAS_CPU))
        .withMessageContaining("SUM needs a value property");
  }

  private List<Contribution> contributions(UsageEvent event, Meter meter) {
    return Metering.contributions(event, List.of(meter), "[3]", errors);
  }

  private static UsageEvent event(String type, Map<String, Object> properties) {
    return new UsageEvent("tx-1", new AccountId("acme"), type, SEEN_AT, properties);
  }

  private static Map<String, Object> with(
      Map<String, Object> properties, String name, Object value) {
    Map<String, Object> changed = new HashMap<>(properties);
    changed.put(name, value);
    return changed;
  }

  private static BigDecimal decimal(String value) {
    return new BigDecimal(value);
  }
}
