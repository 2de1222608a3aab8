package dev.tally.postgres;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.tally.domain.account.AccountId;
import dev.tally.domain.error.Conflict;
import dev.tally.domain.money.Money;
import dev.tally.domain.pricing.CatalogStore;
import dev.tally.domain.pricing.MeterPrice;
import dev.tally.domain.pricing.Plan;
import dev.tally.domain.pricing.PlanId;
import dev.tally.domain.pricing.Subscription;
import dev.tally.domain.usage.Aggregation;
import dev.tally.domain.usage.InvoiceCategory;
import dev.tally.domain.usage.Meter;
import dev.tally.domain.usage.MeterId;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.jdbi.v3.core.Jdbi;

/**
 * Meters, plans and subscriptions in PostgreSQL. Meters and plans never change once created and are
 * never deleted, so they are kept in memory once read: a plan by its id, and the list of meters for
 * as long as the table holds as many rows (one {@code count(*)} per read, which also sees meters
 * created through another Tally node).
 */
public final class PostgresCatalogStore implements CatalogStore {
  private static final String METER_COLUMNS =
      "id, name, event_type, filters, aggregation, value_property, dimensions, category, unit";
  private static final String PLAN_COLUMNS =
      "id, name, currency, recurring_fee, prices, minimum_spend";

  private final Jdbi jdbi;
  private final Clock clock;
  private final Map<PlanId, Plan> plans = new ConcurrentHashMap<>();
  private volatile List<Meter> meters = List.of();

  public PostgresCatalogStore(Database database, Clock clock) {
    this.jdbi = database.jdbi();
    this.clock = clock;
  }

  @Override
  public void createMeter(Meter meter) {
    Database.unique(
        () ->
            jdbi.withHandle(
                handle ->
                    handle
                        .createUpdate(
                            "insert into meter ("
                                + METER_COLUMNS
                                + ", created_at) values (:id, :name, :eventType,"
                                + " cast(:filters as jsonb), :aggregation, :valueProperty,"
                                + " cast(:dimensions as jsonb), :category, :unit, :created)")
                        .bind("id", meter.id().value())
                        .bind("name", meter.name())
                        .bind("eventType", meter.eventType())
                        .bind("filters", Json.write(meter.filters()))
                        .bind("aggregation", meter.aggregation().name())
                        .bind("valueProperty", meter.valueProperty())
                        .bind("dimensions", Json.write(meter.dimensions()))
                        .bind("category", meter.category().name())
                        .bind("unit", meter.unit())
                        .bind("created", clock.instant())
                        .execute()),
        e -> new Conflict("meter " + meter.id() + " already exists"));
  }

  @Override
  public Optional<Meter> findMeter(MeterId id) {
    return jdbi.withHandle(
        handle ->
            handle
                .createQuery("select " + METER_COLUMNS + " from meter where id = :id")
                .bind("id", id.value())
                .map((rs, ctx) -> meter(rs))
                .findOne());
  }

  @Override
  public List<Meter> meters() {
    List<Meter> known = meters;
    return jdbi.withHandle(
        handle -> {
          long count = handle.createQuery("select count(*) from meter").mapTo(Long.class).one();
          if (count == known.size()) {
            return known;
          }
          List<Meter> all =
              List.copyOf(
                  handle
                      .createQuery("select " + METER_COLUMNS + " from meter order by id")
                      .map((rs, ctx) -> meter(rs))
                      .list());
          meters = all;
          return all;
        });
  }

  @Override
  public void createPlan(Plan plan) {
    ArrayNode prices = Json.MAPPER.createArrayNode();
    for (MeterPrice price : plan.prices()) {
      prices.add(Json.toRow(price.model()).put("meter_id", price.meterId().value()));
    }
    Database.unique(
        () ->
            jdbi.withHandle(
                handle ->
                    handle
                        .createUpdate(
                            "insert into plan ("
                                + PLAN_COLUMNS
                                + ", created_at) values (:id, :name, :currency, :fee,"
                                + " cast(:prices as jsonb), :minimum, :created)")
                        .bind("id", plan.id().value())
                        .bind("name", plan.name())
                        .bind("currency", plan.currency())
                        .bind("fee", plan.recurringFee().minor())
                        .bind("prices", Json.write(prices))
                        .bind("minimum", plan.minimumSpend().minor())
                        .bind("created", clock.instant())
                        .execute()),
        e -> new Conflict("plan " + plan.id() + " already exists"));
  }

  @Override
  public Optional<Plan> findPlan(PlanId id) {
    Plan known = plans.get(id);
    if (known != null) {
      return Optional.of(known);
    }
    Optional<Plan> found =
        jdbi.withHandle(
            handle ->
                handle
                    .createQuery("select " + PLAN_COLUMNS + " from plan where id = :id")
                    .bind("id", id.value())
                    .map((rs, ctx) -> plan(rs))
                    .findOne());
    found.ifPresent(plan -> plans.put(id, plan));
    return found;
  }

  @Override
  public List<Plan> plans() {
    return jdbi.withHandle(
        handle ->
            handle
                .createQuery("select " + PLAN_COLUMNS + " from plan order by id")
                .map((rs, ctx) -> plan(rs))
                .list());
  }

  @Override
  public void createSubscription(Subscription subscription) {
    Database.unique(
        () ->
            jdbi.withHandle(
                handle ->
                    handle
                        .createUpdate(
                            "insert into subscription (id, account_id, plan_id, starts_at, ends_at,"
                                + " created_at) values (:id, :account, :plan, :starts, :ends,"
                                + " :created)")
                        .bind("id", subscription.id())
                        .bind("account", subscription.accountId().value())
                        .bind("plan", subscription.planId().value())
                        .bind("starts", subscription.startsAt())
                        .bind("ends", subscription.endsAt())
                        .bind("created", clock.instant())
                        .execute()),
        e -> new Conflict("subscription " + subscription.id() + " already exists"));
  }

  @Override
  public List<Subscription> subscriptions(AccountId accountId) {
    return subscriptionsWhere("", accountId, null, null);
  }

  @Override
  public List<Subscription> subscriptions(AccountId accountId, Instant from, Instant to) {
    return subscriptionsWhere(
        " and starts_at < :to and (ends_at is null or ends_at > :from)", accountId, from, to);
  }

  @Override
  public Map<AccountId, List<Subscription>> subscriptions(Collection<AccountId> accountIds) {
    List<String> values = accountIds.stream().map(AccountId::value).distinct().toList();
    if (values.isEmpty()) {
      return Map.of();
    }
    Map<AccountId, List<Subscription>> subscriptions = new HashMap<>();
    jdbi.useHandle(
        handle ->
            handle
                .createQuery(
                    "select id, account_id, plan_id, starts_at, ends_at from subscription"
                        + " where account_id = any(cast(:accounts as text[]))"
                        + " order by account_id, starts_at, id")
                .bindArray("accounts", String.class, values)
                .map((rs, ctx) -> subscription(rs))
                .forEach(
                    subscription ->
                        subscriptions
                            .computeIfAbsent(subscription.accountId(), k -> new ArrayList<>())
                            .add(subscription)));
    return subscriptions;
  }

  private List<Subscription> subscriptionsWhere(
      String condition, AccountId accountId, Instant from, Instant to) {
    return jdbi.withHandle(
        handle -> {
          var query =
              handle
                  .createQuery(
                      "select id, account_id, plan_id, starts_at, ends_at from subscription"
                          + " where account_id = :account"
                          + condition
                          + " order by starts_at, id")
                  .bind("account", accountId.value());
          if (from != null) {
            query.bind("from", from).bind("to", to);
          }
          return query.map((rs, ctx) -> subscription(rs)).list();
        });
  }

  private static Subscription subscription(ResultSet rs) throws SQLException {
    return new Subscription(
        rs.getString("id"),
        new AccountId(rs.getString("account_id")),
        new PlanId(rs.getString("plan_id")),
        PostgresAccountStore.instant(rs, "starts_at"),
        PostgresAccountStore.instant(rs, "ends_at"));
  }

  private static Meter meter(ResultSet rs) throws SQLException {
    return new Meter(
        new MeterId(rs.getString("id")),
        rs.getString("name"),
        rs.getString("event_type"),
        Json.readStringMap(rs.getString("filters")),
        Aggregation.valueOf(rs.getString("aggregation")),
        rs.getString("value_property"),
        Json.readStringList(rs.getString("dimensions")),
        InvoiceCategory.valueOf(rs.getString("category")),
        rs.getString("unit"));
  }

  private static Plan plan(ResultSet rs) throws SQLException {
    List<MeterPrice> prices = new ArrayList<>();
    for (JsonNode price : Json.tree(rs.getString("prices"))) {
      prices.add(
          new MeterPrice(
              new MeterId(price.get("meter_id").asText()), Json.priceModelFromRow(price)));
    }
    return new Plan(
        new PlanId(rs.getString("id")),
        rs.getString("name"),
        rs.getString("currency"),
        new Money(rs.getBigDecimal("recurring_fee")),
        prices,
        new Money(rs.getBigDecimal("minimum_spend")));
  }
}
