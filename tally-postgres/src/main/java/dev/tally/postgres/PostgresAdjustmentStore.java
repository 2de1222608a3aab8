package dev.tally.postgres;

import dev.tally.domain.account.AccountId;
import dev.tally.domain.error.Conflict;
import dev.tally.domain.invoice.AdjustmentStore;
import dev.tally.domain.invoice.CreditGrant;
import dev.tally.domain.invoice.Discount;
import dev.tally.domain.invoice.InvoiceId;
import dev.tally.domain.money.Money;
import dev.tally.domain.usage.MeterId;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.mapper.RowMapper;

/**
 * Discounts and credit grants in PostgreSQL. The ledger of consumed credit ({@code
 * credit_consumption}) is written by {@link PostgresInvoiceStore} when it finalizes or voids an
 * invoice; here it is only read.
 */
public final class PostgresAdjustmentStore implements AdjustmentStore {
  private final Jdbi jdbi;
  private final Clock clock;

  public PostgresAdjustmentStore(Database database, Clock clock) {
    this.jdbi = database.jdbi();
    this.clock = clock;
  }

  @Override
  public void createDiscount(Discount discount) {
    Database.unique(
        () ->
            jdbi.withHandle(
                handle ->
                    handle
                        .createUpdate(
                            "insert into discount (id, account_id, name, percent, amount,"
                                + " meter_id, starts_at, ends_at, created_at) values (:id,"
                                + " :account, :name, :percent, :amount, :meter, :starts, :ends,"
                                + " :created)")
                        .bind("id", discount.id())
                        .bind("account", discount.accountId().value())
                        .bind("name", discount.name())
                        .bind("percent", discount.percent())
                        .bind(
                            "amount", discount.amount() == null ? null : discount.amount().minor())
                        .bind(
                            "meter", discount.meterId() == null ? null : discount.meterId().value())
                        .bind("starts", discount.startsAt())
                        .bind("ends", discount.endsAt())
                        .bind("created", clock.instant())
                        .execute()),
        e -> new Conflict("discount " + discount.id() + " already exists"));
  }

  @Override
  public List<Discount> discounts(AccountId accountId) {
    return discounts(List.of(accountId)).getOrDefault(accountId, List.of());
  }

  @Override
  public void createCreditGrant(CreditGrant grant) {
    Database.unique(
        () ->
            jdbi.withHandle(
                handle ->
                    handle
                        .createUpdate(
                            "insert into credit_grant (id, account_id, name, amount,"
                                + " effective_at, expires_at, priority, created_at) values (:id,"
                                + " :account, :name, :amount, :effective, :expires, :priority,"
                                + " :created)")
                        .bind("id", grant.id())
                        .bind("account", grant.accountId().value())
                        .bind("name", grant.name())
                        .bind("amount", grant.amount().minor())
                        .bind("effective", grant.effectiveAt())
                        .bind("expires", grant.expiresAt())
                        .bind("priority", grant.priority())
                        .bind("created", clock.instant())
                        .execute()),
        e -> new Conflict("credit grant " + grant.id() + " already exists"));
  }

  @Override
  public List<CreditGrant> creditGrants(AccountId accountId) {
    return creditGrants(List.of(accountId)).getOrDefault(accountId, List.of());
  }

  @Override
  public Map<String, Money> consumed(AccountId accountId, InvoiceId excluding) {
    Map<AccountId, InvoiceId> one = new HashMap<>();
    one.put(accountId, excluding);
    return consumed(one).getOrDefault(accountId, Map.of());
  }

  @Override
  public Map<AccountId, List<Discount>> discounts(Collection<AccountId> accountIds) {
    return byAccount(
        "select * from discount where account_id = any(cast(:accounts as text[]))"
            + " order by starts_at, id",
        accountIds,
        (rs, ctx) -> discount(rs),
        Discount::accountId);
  }

  @Override
  public Map<AccountId, List<CreditGrant>> creditGrants(Collection<AccountId> accountIds) {
    return byAccount(
        "select * from credit_grant where account_id = any(cast(:accounts as text[]))"
            + " order by priority, expires_at, id",
        accountIds,
        (rs, ctx) -> creditGrant(rs),
        CreditGrant::accountId);
  }

  private <T> Map<AccountId, List<T>> byAccount(
      String sql,
      Collection<AccountId> accountIds,
      RowMapper<T> mapper,
      Function<T, AccountId> account) {
    List<String> values = accountIds.stream().map(AccountId::value).distinct().toList();
    Map<AccountId, List<T>> rows = new HashMap<>();
    if (values.isEmpty()) {
      return rows;
    }
    jdbi.useHandle(
        handle ->
            handle
                .createQuery(sql)
                .bindArray("accounts", String.class, values)
                .map(mapper)
                .forEach(
                    row ->
                        rows.computeIfAbsent(account.apply(row), k -> new ArrayList<>()).add(row)));
    return rows;
  }

  @Override
  public Map<AccountId, Map<String, Money>> consumed(Map<AccountId, InvoiceId> excluding) {
    Map<AccountId, Map<String, Money>> consumed = new HashMap<>();
    if (excluding.isEmpty()) {
      return consumed;
    }
    List<String> accounts = new ArrayList<>();
    List<String> excluded = new ArrayList<>();
    excluding.forEach(
        (account, invoice) -> {
          accounts.add(account.value());
          excluded.add(invoice == null ? "" : invoice.value());
        });
    jdbi.useHandle(
        handle ->
            handle
                .createQuery(
                    "select c.account_id, c.grant_id, sum(c.amount) as used"
                        + " from credit_consumption c join unnest(cast(:accounts as text[]),"
                        + " cast(:excluding as text[])) as k(account_id, excluding)"
                        + " on c.account_id = k.account_id and c.invoice_id <> k.excluding"
                        + " group by c.account_id, c.grant_id")
                .bindArray("accounts", String.class, accounts)
                .bindArray("excluding", String.class, excluded)
                .map(
                    (rs, ctx) ->
                        Map.entry(
                            new AccountId(rs.getString("account_id")),
                            Map.entry(rs.getString("grant_id"), rs.getBigDecimal("used"))))
                .forEach(
                    row ->
                        consumed
                            .computeIfAbsent(row.getKey(), k -> new HashMap<>())
                            .put(row.getValue().getKey(), new Money(row.getValue().getValue()))));
    return consumed;
  }

  private static Discount discount(ResultSet rs) throws SQLException {
    return new Discount(
        rs.getString("id"),
        new AccountId(rs.getString("account_id")),
        rs.getString("name"),
        rs.getBigDecimal("percent"),
        rs.getBigDecimal("amount") == null ? null : new Money(rs.getBigDecimal("amount")),
        rs.getString("meter_id") == null ? null : new MeterId(rs.getString("meter_id")),
        PostgresAccountStore.instant(rs, "starts_at"),
        PostgresAccountStore.instant(rs, "ends_at"));
  }

  private static CreditGrant creditGrant(ResultSet rs) throws SQLException {
    return new CreditGrant(
        rs.getString("id"),
        new AccountId(rs.getString("account_id")),
        rs.getString("name"),
        new Money(rs.getBigDecimal("amount")),
        PostgresAccountStore.instant(rs, "effective_at"),
        PostgresAccountStore.instant(rs, "expires_at"),
        rs.getInt("priority"));
  }
}
