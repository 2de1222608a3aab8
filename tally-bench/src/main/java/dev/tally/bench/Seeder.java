package dev.tally.bench;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

/**
 * Loads a bench server: the catalog through the admin API (so it is validated as usual), and large
 * numbers of accounts and hourly usage buckets with bulk SQL straight into its embedded database,
 * in exactly the rows the admin API and ingest would have written (checked by {@link
 * Scenarios#detailsAtScale}).
 */
final class Seeder implements AutoCloseable {
  /** The meters of every bench server; {@code u1}..{@code u5} are the billing run's. */
  static final List<String> USAGE_METERS = List.of("u1", "u2", "u3", "u4", "u5");

  private final Connection connection;

  Seeder(String jdbcUrl) {
    try {
      connection = DriverManager.getConnection(jdbcUrl);
    } catch (SQLException e) {
      throw new IllegalStateException("cannot reach the bench database " + jdbcUrl, e);
    }
  }

  /**
   * Meters {@code cpu}, {@code memory} (PaaS, from {@code compute} events), {@code requests} (per
   * endpoint), {@code probe} (a count) and {@code u1..u5}; plan {@code bench} prices all but the
   * probe, plan {@code probe} prices only the probe at one cent.
   */
  static void catalog(Api operator) {
    meter(operator, "cpu", "compute", "sum", "vcpu_hours", "paas.cpu", List.of());
    meter(operator, "memory", "compute", "sum", "gb_hours", "paas.memory", List.of());
    meter(operator, "requests", "api_request", "sum", "count", "usage", List.of("endpoint"));
    meter(operator, "probe", "probe", "count", null, "usage", List.of());
    for (String meter : USAGE_METERS) {
      meter(operator, meter, "usage_" + meter, "sum", "value", "usage", List.of());
    }
    List<Map<String, Object>> prices = new java.util.ArrayList<>();
    prices.add(perUnit("cpu", "2.5"));
    prices.add(perUnit("memory", "0.35"));
    prices.add(perUnit("requests", "0.1"));
    USAGE_METERS.forEach(meter -> prices.add(perUnit(meter, "1")));
    operator.post(
        "/admin/v1/plans",
        Map.of(
            "id",
            "bench",
            "name",
            "Bench",
            "currency",
            "USD",
            "recurring_fee",
            2000,
            "prices",
            prices));
    operator.post(
        "/admin/v1/plans",
        Map.of(
            "id",
            "probe",
            "name",
            "Probe",
            "currency",
            "USD",
            "prices",
            List.of(perUnit("probe", "1"))));
  }

  /**
   * Accounts {@code prefix0..prefix<count-1>} with billing anchor {@code anchor}, each with team
   * {@code <id>-t}, project {@code <id>-p}, resources {@code <id>-r0..} and a subscription to
   * {@code plan} from the anchor.
   */
  void accounts(String prefix, int count, Instant anchor, int resources, String plan) {
    String ids = "from generate_series(0, ? - 1) i";
    execute(
        "insert into account (id, name, currency, billing_anchor, tax_percent, payment_terms_days,"
            + " created_at) select ? || i, ? || i, 'USD', ?, 0, 30, now() "
            + ids,
        prefix,
        prefix,
        utc(anchor),
        count);
    execute(
        "insert into team (id, account_id, name) select ? || i || '-t', ? || i, 'Team' " + ids,
        prefix,
        prefix,
        count);
    execute(
        "insert into project (id, team_id, name) select ? || i || '-p', ? || i || '-t', 'Project' "
            + ids,
        prefix,
        prefix,
        count);
    execute(
        "insert into resource (id, project_id, type, name) select ? || i || '-r' || j,"
            + " ? || i || '-p', 'service', 'r' || j "
            + ids
            + ", generate_series(0, ? - 1) j",
        prefix,
        prefix,
        count,
        resources);
    execute(
        "insert into subscription (id, account_id, plan_id, starts_at, created_at)"
            + " select ? || i || '-s', ? || i, ?, ?, now() "
            + ids,
        prefix,
        prefix,
        plan,
        utc(anchor),
        count);
  }

  /**
   * The hourly buckets that {@code events} compute events ({@code vcpu_hours} 0.25, {@code
   * gb_hours} 0.5 each), spread evenly over {@code hours} hours from {@code from} and the resources
   * {@code <account>-r0..}, would leave in meters cpu and memory.
   */
  void computeBuckets(String account, int resources, Instant from, int hours, long events) {
    long cells = (long) resources * hours;
    for (String[] meter : new String[][] {{"cpu", "0.25"}, {"memory", "0.5"}}) {
      execute(
          "insert into usage_bucket (account_id, meter_id, hour, dim_key, dims, total,"
              + " event_count, max_value)"
              + " select ?, ?, ? + h * interval '1 hour', 'resource_id=' || ? || '-r' || r,"
              + " jsonb_build_object('resource_id', ? || '-r' || r), n * ?::numeric, n, ?::numeric"
              + " from (select h, r, ? / ? + case when h * ? + r < ? % ? then 1 else 0 end as n"
              + " from generate_series(0, ? - 1) h, generate_series(0, ? - 1) r) cells"
              + " where n > 0",
          account, meter[0], utc(from), account, account, meter[1], meter[1], events, cells,
          resources, events, cells, hours, resources);
    }
    periodTotals(account);
  }

  /**
   * For each account {@code prefix0..}: one bucket per meter u1..u5 in the hour {@code hour}, as
   * events with {@code value} = meter number would leave them (one event each).
   */
  void usageBuckets(String prefix, int count, Instant hour) {
    execute(
        "insert into usage_bucket (account_id, meter_id, hour, dim_key, dims, total, event_count,"
            + " max_value) select ? || i, 'u' || m, ?, '', '{}'::jsonb, m, 1, m"
            + " from generate_series(0, ? - 1) i, generate_series(1, 5) m",
        prefix,
        utc(hour),
        count);
    periodTotals(prefix);
  }

  /** One bucket of cpu for {@code prefix<i>-r0} in the first hour of every period listed. */
  void periodBuckets(String prefix, int count, List<Instant> periodStarts) {
    for (Instant start : periodStarts) {
      execute(
          "insert into usage_bucket (account_id, meter_id, hour, dim_key, dims, total,"
              + " event_count, max_value) select ? || i, 'cpu', ?, 'resource_id=' || ? || i ||"
              + " '-r0', jsonb_build_object('resource_id', ? || i || '-r0'), 10, 1, 10"
              + " from generate_series(0, ? - 1) i",
          prefix,
          utc(start),
          prefix,
          prefix,
          count);
    }
    periodTotals(prefix);
  }

  /**
   * The period totals ingest keeps beside the buckets ({@code usage_period}): the sum of each
   * period's buckets of the accounts whose id starts with {@code prefix}. Every bench account's
   * billing anchor is the start of a UTC month, so its periods are the calendar months.
   */
  private void periodTotals(String prefix) {
    String month = "date_trunc('month', hour at time zone 'UTC')";
    execute(
        "insert into usage_period (account_id, period_start, meter_id, dim_key, period_end, dims,"
            + " total, event_count, max_value) select account_id, "
            + month
            + " at time zone 'UTC', meter_id, dim_key, ("
            + month
            + " + interval '1 month') at time zone 'UTC', cast(min(cast(dims as text)) as jsonb),"
            + " sum(total), sum(event_count), max(max_value) from usage_bucket"
            + " where account_id like ? || '%' group by 1, 2, 3, 4, 5",
        prefix);
  }

  /**
   * Waits until the server has folded all pending usage into the hourly buckets and period totals
   * (it does so every second), so that they can be checked directly; fails after 60 s.
   */
  void awaitFolded() {
    long deadline = System.nanoTime() + 60_000_000_000L;
    while (queryLong("select count(*) from usage_pending") > 0) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("pending usage was not folded within 60 s");
      }
      try {
        Thread.sleep(100);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while waiting for the fold", e);
      }
    }
  }

  long queryLong(String sql, Object... parameters) {
    try (PreparedStatement statement = prepare(sql, parameters);
        ResultSet rows = statement.executeQuery()) {
      rows.next();
      return rows.getLong(1);
    } catch (SQLException e) {
      throw new IllegalStateException(sql, e);
    }
  }

  String queryText(String sql, Object... parameters) {
    try (PreparedStatement statement = prepare(sql, parameters);
        ResultSet rows = statement.executeQuery()) {
      return rows.next() ? rows.getString(1) : null;
    } catch (SQLException e) {
      throw new IllegalStateException(sql, e);
    }
  }

  void execute(String sql, Object... parameters) {
    try (PreparedStatement statement = prepare(sql, parameters)) {
      statement.execute();
    } catch (SQLException e) {
      throw new IllegalStateException(sql, e);
    }
  }

  private PreparedStatement prepare(String sql, Object... parameters) throws SQLException {
    PreparedStatement statement = connection.prepareStatement(sql);
    for (int i = 0; i < parameters.length; i++) {
      statement.setObject(i + 1, parameters[i]);
    }
    return statement;
  }

  @Override
  public void close() {
    try {
      connection.close();
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  private static void meter(
      Api operator,
      String id,
      String eventType,
      String aggregation,
      String valueProperty,
      String category,
      List<String> dimensions) {
    Map<String, Object> body = new java.util.HashMap<>();
    body.put("id", id);
    body.put("name", id);
    body.put("event_type", eventType);
    body.put("aggregation", aggregation);
    body.put("category", category);
    body.put("dimensions", dimensions);
    if (valueProperty != null) {
      body.put("value_property", valueProperty);
    }
    operator.post("/admin/v1/meters", body);
  }

  private static OffsetDateTime utc(Instant instant) {
    return OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
  }

  private static Map<String, Object> perUnit(String meter, String unitPrice) {
    return Map.of(
        "meter_id", meter, "model", "per_unit", "unit_price", new java.math.BigDecimal(unitPrice));
  }
}
