package dev.tally.postgres;

import dev.tally.domain.account.AccountId;
import dev.tally.domain.invoice.InvoiceContent;
import dev.tally.domain.invoice.InvoiceHeader;
import dev.tally.domain.invoice.InvoiceId;
import dev.tally.domain.invoice.InvoiceStatus;
import dev.tally.domain.invoice.InvoiceStore;
import dev.tally.domain.time.BillingPeriod;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * Invoices in PostgreSQL: one row per account and period; a final invoice's charges are frozen as
 * JSON in the same row, in the transaction that finalizes it.
 */
public final class PostgresInvoiceStore implements InvoiceStore {
  private static final String COLUMNS =
      "id, account_id, period_start, period_end, status, currency, created_at, issued_at, due_at,"
          + " paid_at";

  private final Jdbi jdbi;

  public PostgresInvoiceStore(Database database) {
    this.jdbi = database.jdbi();
  }

  static String newInvoiceId() {
    return "inv_" + UUID.randomUUID().toString().replace("-", "");
  }

  @Override
  public void ensureDrafts(
      AccountId accountId, String currency, List<BillingPeriod> periods, Instant now) {
    if (periods.isEmpty()) {
      return;
    }
    List<String> ids = new ArrayList<>();
    List<String> accounts = new ArrayList<>();
    List<String> starts = new ArrayList<>();
    List<String> ends = new ArrayList<>();
    List<String> currencies = new ArrayList<>();
    for (BillingPeriod period : periods) {
      ids.add(newInvoiceId());
      accounts.add(accountId.value());
      starts.add(period.start().toString());
      ends.add(period.end().toString());
      currencies.add(currency);
    }
    jdbi.useHandle(handle -> insertDrafts(handle, ids, accounts, starts, ends, currencies, now));
  }

  static void insertDrafts(
      Handle handle,
      List<String> ids,
      List<String> accounts,
      List<String> starts,
      List<String> ends,
      List<String> currencies,
      Instant now) {
    handle
        .createUpdate(
            "insert into invoice (id, account_id, period_start, period_end, status, currency,"
                + " created_at) select i, a, s, e, 'DRAFT', c, :now from unnest(cast(:ids as"
                + " text[]), cast(:accounts as text[]), cast(:starts as timestamptz[]), cast(:ends"
                + " as timestamptz[]), cast(:currencies as text[])) as x(i, a, s, e, c)"
                + " on conflict (account_id, period_start) do nothing")
        .bind("now", now)
        .bindArray("ids", String.class, ids)
        .bindArray("accounts", String.class, accounts)
        .bindArray("starts", String.class, starts)
        .bindArray("ends", String.class, ends)
        .bindArray("currencies", String.class, currencies)
        .execute();
  }

  @Override
  public Optional<InvoiceHeader> find(InvoiceId id) {
    return jdbi.withHandle(
        handle ->
            handle
                .createQuery("select " + COLUMNS + " from invoice where id = :id")
                .bind("id", id.value())
                .map((rs, ctx) -> header(rs))
                .findOne());
  }

  @Override
  public Optional<InvoiceContent> content(InvoiceId id) {
    return jdbi.withHandle(
        handle ->
            handle
                .createQuery(
                    "select content::text from invoice where id = :id and content is not null")
                .bind("id", id.value())
                .mapTo(String.class)
                .findOne()
                .map(json -> Json.read(json, InvoiceContent.class)));
  }

  @Override
  public List<InvoiceHeader> list(AccountId accountId) {
    return jdbi.withHandle(
        handle ->
            handle
                .createQuery(
                    "select "
                        + COLUMNS
                        + " from invoice where account_id = :account order by period_start desc")
                .bind("account", accountId.value())
                .map((rs, ctx) -> header(rs))
                .list());
  }

  @Override
  public List<InvoiceId> draftsEndedBy(Instant now) {
    return jdbi.withHandle(
        handle ->
            handle
                .createQuery(
                    "select id from invoice where status = 'DRAFT' and period_end <= :now"
                        + " order by period_end, id")
                .bind("now", now)
                .map((rs, ctx) -> new InvoiceId(rs.getString("id")))
                .list());
  }

  @Override
  public boolean finalizeDraft(
      InvoiceId id, Instant issuedAt, Function<InvoiceHeader, FinalCharges> calculate) {
    return jdbi.inTransaction(
        handle -> {
          Optional<InvoiceHeader> draft =
              handle
                  .createQuery(
                      "select "
                          + COLUMNS
                          + " from invoice where id = :id and status = 'DRAFT'"
                          + " for update skip locked")
                  .bind("id", id.value())
                  .map((rs, ctx) -> header(rs))
                  .findOne();
          if (draft.isEmpty()) {
            return false;
          }
          FinalCharges charges = calculate.apply(draft.get());
          handle
              .createUpdate(
                  "update invoice set status = 'FINALIZED', issued_at = :issued, due_at = :due,"
                      + " content = cast(:content as jsonb) where id = :id")
              .bind("id", id.value())
              .bind("issued", issuedAt)
              .bind("due", charges.dueAt())
              .bind("content", Json.write(charges.content()))
              .execute();
          return true;
        });
  }

  private static InvoiceHeader header(ResultSet rs) throws SQLException {
    return new InvoiceHeader(
        new InvoiceId(rs.getString("id")),
        new AccountId(rs.getString("account_id")),
        new BillingPeriod(
            PostgresAccountStore.instant(rs, "period_start"),
            PostgresAccountStore.instant(rs, "period_end")),
        InvoiceStatus.valueOf(rs.getString("status")),
        rs.getString("currency"),
        PostgresAccountStore.instant(rs, "created_at"),
        PostgresAccountStore.instant(rs, "issued_at"),
        PostgresAccountStore.instant(rs, "due_at"),
        PostgresAccountStore.instant(rs, "paid_at"));
  }
}
