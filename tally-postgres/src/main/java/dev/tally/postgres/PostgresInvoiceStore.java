package dev.tally.postgres;

import dev.tally.domain.account.AccountId;
import dev.tally.domain.invoice.AppliedCredit;
import dev.tally.domain.invoice.InvoiceContent;
import dev.tally.domain.invoice.InvoiceHeader;
import dev.tally.domain.invoice.InvoiceId;
import dev.tally.domain.invoice.InvoiceStatus;
import dev.tally.domain.invoice.InvoiceStore;
import dev.tally.domain.invoice.Payment;
import dev.tally.domain.invoice.PaymentStatus;
import dev.tally.domain.time.BillingPeriod;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * Invoices in PostgreSQL: rows per account and period, at most one of them not void (a partial
 * unique index); a final invoice's charges are frozen as JSON in the same row, in the transaction
 * that finalizes it and gives it its number.
 */
public final class PostgresInvoiceStore implements InvoiceStore {
  private static final String COLUMNS =
      "id, account_id, period_start, period_end, status, currency, created_at, issued_at, due_at,"
          + " paid_at, number, replaces_invoice_id, void_reason, payment_provider, payment_status,"
          + " payment_external_id, payment_reported_at";

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
                + " where not exists (select 1 from invoice v where v.account_id = x.a and"
                + " v.period_start = x.s)"
                + " on conflict (account_id, period_start) where status <> 'VOID' do nothing")
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
                        + " from invoice where account_id = :account order by period_start desc, id desc")
                .bind("account", accountId.value())
                .map((rs, ctx) -> header(rs))
                .list());
  }

  @Override
  public List<InvoiceId> draftsEndedBy(Instant cutoff) {
    return jdbi.withHandle(
        handle ->
            handle
                .createQuery(
                    "select id from invoice where status = 'DRAFT' and period_end <= :cutoff"
                        + " order by period_end, id")
                .bind("cutoff", cutoff)
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
          // Lock the account's credit grants before the charges are drawn (on another connection,
          // after this lock): two invoices of one account finalized at once then read each other's
          // consumption in turn and can never use the same credit twice.
          handle
              .createQuery("select id from credit_grant where account_id = :account for update")
              .bind("account", draft.get().accountId().value())
              .mapTo(String.class)
              .list();
          FinalCharges charges = calculate.apply(draft.get());
          long sequence =
              handle
                  .createQuery(
                      "insert into invoice_number (account_id, last_value) values (:account, 1)"
                          + " on conflict (account_id) do update"
                          + " set last_value = invoice_number.last_value + 1 returning last_value")
                  .bind("account", draft.get().accountId().value())
                  .mapTo(Long.class)
                  .one();
          handle
              .createUpdate(
                  "update invoice set status = 'FINALIZED', issued_at = :issued, due_at = :due,"
                      + " number = :number, content = cast(:content as jsonb) where id = :id")
              .bind("id", id.value())
              .bind("number", invoiceNumber(draft.get().accountId(), sequence))
              .bind("issued", issuedAt)
              .bind("due", charges.dueAt())
              .bind("content", Json.write(charges.content()))
              .execute();
          for (AppliedCredit credit : charges.content().credits()) {
            handle
                .createUpdate(
                    "insert into credit_consumption (invoice_id, grant_id, account_id, amount)"
                        + " values (:invoice, :grant, :account, :amount)")
                .bind("invoice", id.value())
                .bind("grant", credit.grantId())
                .bind("account", draft.get().accountId().value())
                .bind("amount", credit.amount().minor())
                .execute();
          }
          return true;
        });
  }

  /**
   * The account's {@code sequence}-th invoice number: a prefix from the account id (its letters and
   * digits, upper case, at most 12) and the sequence in six or more digits, {@code ACME-000001}.
   */
  static String invoiceNumber(AccountId accountId, long sequence) {
    String prefix = accountId.value().toUpperCase(Locale.ROOT).replaceAll("[^A-Z0-9]", "");
    if (prefix.isEmpty()) {
      prefix = "INV";
    }
    if (prefix.length() > 12) {
      prefix = prefix.substring(0, 12);
    }
    return String.format(Locale.ROOT, "%s-%06d", prefix, sequence);
  }

  @Override
  public boolean markVoid(InvoiceId id, String reason, Instant now) {
    return jdbi.inTransaction(
        handle -> {
          boolean voided =
              handle
                      .createUpdate(
                          "update invoice set status = 'VOID', void_reason = :reason,"
                              + " voided_at = :now where id = :id and status = 'FINALIZED'"
                              + " and paid_at is null")
                      .bind("id", id.value())
                      .bind("reason", reason)
                      .bind("now", now)
                      .execute()
                  == 1;
          if (voided) {
            // A void invoice releases the credit it used; its regeneration applies credit anew.
            handle
                .createUpdate("delete from credit_consumption where invoice_id = :id")
                .bind("id", id.value())
                .execute();
          }
          return voided;
        });
  }

  @Override
  public Optional<InvoiceId> createReplacement(InvoiceHeader voided, Instant now) {
    String id = newInvoiceId();
    int inserted =
        jdbi.withHandle(
            handle ->
                handle
                    .createUpdate(
                        "insert into invoice (id, account_id, period_start, period_end, status,"
                            + " currency, created_at, replaces_invoice_id) values (:id, :account,"
                            + " :start, :end, 'DRAFT', :currency, :now, :replaces)"
                            + " on conflict (account_id, period_start) where status <> 'VOID'"
                            + " do nothing")
                    .bind("id", id)
                    .bind("account", voided.accountId().value())
                    .bind("start", voided.period().start())
                    .bind("end", voided.period().end())
                    .bind("currency", voided.currency())
                    .bind("now", now)
                    .bind("replaces", voided.id().value())
                    .execute());
    return inserted == 1 ? Optional.of(new InvoiceId(id)) : Optional.empty();
  }

  @Override
  public void recordPayment(InvoiceId id, Payment payment) {
    jdbi.useHandle(
        handle ->
            handle
                .createUpdate(
                    "update invoice set payment_provider = :provider, payment_status = :status,"
                        + " payment_external_id = :external, payment_reported_at = :at,"
                        + " paid_at = case when :status = 'PAID' then coalesce(paid_at, :at)"
                        + " end where id = :id")
                .bind("id", id.value())
                .bind("provider", payment.provider())
                .bind("status", payment.status().name())
                .bind("external", payment.externalId())
                .bind("at", payment.reportedAt())
                .execute());
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
        PostgresAccountStore.instant(rs, "paid_at"),
        rs.getString("number"),
        rs.getString("replaces_invoice_id") == null
            ? null
            : new InvoiceId(rs.getString("replaces_invoice_id")),
        rs.getString("void_reason"),
        rs.getString("payment_status") == null
            ? null
            : new Payment(
                rs.getString("payment_provider"),
                PaymentStatus.valueOf(rs.getString("payment_status")),
                rs.getString("payment_external_id"),
                PostgresAccountStore.instant(rs, "payment_reported_at")));
  }
}
