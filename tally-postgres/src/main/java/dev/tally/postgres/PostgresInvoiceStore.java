package dev.tally.postgres;

import dev.tally.domain.account.AccountId;
import dev.tally.domain.invoice.AppliedCredit;
import dev.tally.domain.invoice.DraftVersion;
import dev.tally.domain.invoice.InvoiceContent;
import dev.tally.domain.invoice.InvoiceHeader;
import dev.tally.domain.invoice.InvoiceId;
import dev.tally.domain.invoice.InvoiceStatus;
import dev.tally.domain.invoice.InvoiceStore;
import dev.tally.domain.invoice.InvoiceTotals;
import dev.tally.domain.invoice.ListedInvoice;
import dev.tally.domain.invoice.Payment;
import dev.tally.domain.invoice.PaymentStatus;
import dev.tally.domain.money.Money;
import dev.tally.domain.time.BillingPeriod;
import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
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

  /** Drafts written per statement (and transaction) by {@link #ensureDrafts}. */
  static final int DRAFTS_PER_STATEMENT = 5_000;

  @Override
  public void ensureDrafts(List<NewDraft> drafts, Instant now) {
    // In the order ingest creates drafts in, so that concurrent inserts of one draft queue up
    // rather than deadlock (and a deadlock is retried).
    List<NewDraft> sorted =
        drafts.stream()
            .sorted(
                Comparator.comparing((NewDraft draft) -> draft.accountId().value())
                    .thenComparing(draft -> draft.period().start()))
            .toList();
    for (int from = 0; from < sorted.size(); from += DRAFTS_PER_STATEMENT) {
      List<NewDraft> chunk =
          sorted.subList(from, Math.min(sorted.size(), from + DRAFTS_PER_STATEMENT));
      Database.retryingConflicts(
          () ->
              jdbi.withHandle(
                  handle -> {
                    insertDrafts(handle, chunk, now);
                    return null;
                  }));
    }
  }

  /**
   * Creates a draft for each of these (account, period) pairs that has no invoice row at all, in
   * the order given, on {@code handle}.
   */
  static void insertDrafts(Handle handle, List<NewDraft> drafts, Instant now) {
    if (drafts.isEmpty()) {
      return;
    }
    List<String> ids = new ArrayList<>();
    List<String> accounts = new ArrayList<>();
    List<String> starts = new ArrayList<>();
    List<String> ends = new ArrayList<>();
    List<String> currencies = new ArrayList<>();
    for (NewDraft draft : drafts) {
      ids.add(newInvoiceId());
      accounts.add(draft.accountId().value());
      starts.add(draft.period().start().toString());
      ends.add(draft.period().end().toString());
      currencies.add(draft.currency());
    }
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

  /**
   * The account's revision (raised by triggers, migration V9), its invoices' stamps (V13), and what
   * changes with its usage ({@link #draftVersionColumns}).
   */
  @Override
  public DraftVersion draftVersion(AccountId accountId) {
    return jdbi.withHandle(
        handle ->
            handle
                .createQuery(DRAFT_VERSION)
                .bind("account", accountId.value())
                .map((rs, ctx) -> draftVersion(rs))
                .one());
  }

  private static final String DRAFT_VERSION = "select " + draftVersionColumns(":account");

  /**
   * The select-list items {@code inputs} and {@code usage} of the draft version of the account
   * {@code account} (a parameter or a qualified column): the account's revision, the sum of its
   * invoices' stamps (new on every insert and update of an invoice, migration V13), its running
   * event count and period rows, and the pending usage of its shard: the fold epoch and the shard's
   * number of pending rows, which only grows between folds (a fold raises the epoch), so that any
   * usage accepted for the account changes the version.
   */
  static String draftVersionColumns(String account) {
    return "coalesce((select revision from account_revision where account_id = "
        + account
        + "), 0) || '/' || (select coalesce(sum(stamp), 0) from invoice where account_id = "
        + account
        + ") as inputs, (select coalesce(sum(event_count), 0) || '/' || count(*)"
        + " from usage_period where account_id = "
        + account
        + ") || '/' || (select epoch from usage_fold) || '/' || (select count(*) from"
        + " usage_pending where shard = "
        + PendingUsage.shardSql(account)
        + ") as usage";
  }

  /** The draft version in the columns {@link #draftVersionColumns} names. */
  static DraftVersion draftVersion(ResultSet rs) throws SQLException {
    return new DraftVersion(rs.getString("inputs"), rs.getString("usage"));
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
    return listWithTotals(accountId).stream().map(ListedInvoice::header).toList();
  }

  @Override
  public List<ListedInvoice> listWithTotals(AccountId accountId) {
    return listing(accountId).invoices();
  }

  /**
   * One statement: the invoices with their totals, and (evaluated once, in the same snapshot) the
   * account's revision and its draft version, in the columns {@link #draftVersion} reads.
   */
  @Override
  public Listing listing(AccountId accountId) {
    return jdbi.withHandle(
        handle -> {
          List<ListedInvoice> invoices = new ArrayList<>();
          Long[] revision = new Long[1];
          DraftVersion[] version = new DraftVersion[1];
          handle
              .createQuery(LISTING)
              .bind("account", accountId.value())
              .map(
                  (rs, ctx) -> {
                    revision[0] = rs.getLong("revision");
                    version[0] = draftVersion(rs);
                    return new ListedInvoice(header(rs), totals(rs));
                  })
              .forEach(invoices::add);
          return new Listing(invoices, revision[0], version[0]);
        });
  }

  private static final String LISTING =
      "select "
          + COLUMNS
          + ", subtotal, discount_total, credit_total, tax_percent, tax, total,"
          + " coalesce((select revision from account_revision where account_id = :account), 0)"
          + " as revision, "
          + draftVersionColumns(":account")
          + " from invoice where account_id = :account order by period_start desc, id desc";

  /** The totals frozen with an invoice's charges, or null when it has none (a draft). */
  private static InvoiceTotals totals(ResultSet rs) throws SQLException {
    BigDecimal total = rs.getBigDecimal("total");
    if (total == null) {
      return null;
    }
    return new InvoiceTotals(
        new Money(rs.getBigDecimal("subtotal")),
        new Money(rs.getBigDecimal("discount_total")),
        new Money(rs.getBigDecimal("credit_total")),
        rs.getBigDecimal("tax_percent"),
        new Money(rs.getBigDecimal("tax")),
        new Money(total));
  }

  @Override
  public List<InvoiceHeader> draftsEndedBy(Instant cutoff) {
    return jdbi.withHandle(
        handle ->
            handle
                .createQuery(
                    "select "
                        + COLUMNS
                        + " from invoice where status = 'DRAFT' and period_end <= :cutoff"
                        + " order by period_end, id")
                .bind("cutoff", cutoff)
                .map((rs, ctx) -> header(rs))
                .list());
  }

  @Override
  public boolean finalizeDraft(
      InvoiceId id, Instant issuedAt, Function<InvoiceHeader, FinalCharges> calculate) {
    return !finalizeDrafts(
            List.of(id),
            issuedAt,
            locked -> locked.isEmpty() ? Map.of() : Map.of(id, calculate.apply(locked.getFirst())))
        .isEmpty();
  }

  @Override
  public List<InvoiceId> finalizeDrafts(
      List<InvoiceId> ids,
      Instant issuedAt,
      Function<List<InvoiceHeader>, Map<InvoiceId, FinalCharges>> calculate) {
    if (ids.isEmpty()) {
      return List.of();
    }
    return jdbi.inTransaction(
        handle -> {
          List<InvoiceHeader> drafts =
              handle
                  .createQuery(
                      "select "
                          + COLUMNS
                          + " from invoice where id = any(cast(:ids as text[]))"
                          + " and status = 'DRAFT' order by id for update skip locked")
                  .bindArray("ids", String.class, ids.stream().map(InvoiceId::value).toList())
                  .map((rs, ctx) -> header(rs))
                  .list();
          if (drafts.isEmpty()) {
            return List.of();
          }
          List<String> accounts =
              drafts.stream().map(draft -> draft.accountId().value()).distinct().toList();
          if (accounts.size() < drafts.size()) {
            throw new IllegalArgumentException(
                "invoices finalized together must be of distinct accounts");
          }
          // Lock the accounts' credit grants, in one order, before the charges are drawn (the
          // stores' reads while drawing run on this thread's handle, so in this transaction, after
          // these locks): two invoices of one account finalized at once then read each other's
          // consumption in turn and can never use the same credit twice.
          handle
              .createQuery(
                  "select id from credit_grant where account_id = any(cast(:accounts as text[]))"
                      + " order by id for update")
              .bindArray("accounts", String.class, accounts)
              .mapTo(String.class)
              .list();
          Map<InvoiceId, FinalCharges> charges = calculate.apply(drafts);
          List<InvoiceHeader> frozen =
              drafts.stream().filter(draft -> charges.containsKey(draft.id())).toList();
          if (frozen.isEmpty()) {
            return List.of();
          }
          Map<String, Long> sequences = new HashMap<>();
          handle
              .createQuery(
                  "insert into invoice_number (account_id, last_value)"
                      + " select a, 1 from unnest(cast(:accounts as text[])) as x(a) order by a"
                      + " on conflict (account_id) do update"
                      + " set last_value = invoice_number.last_value + 1"
                      + " returning account_id, last_value")
              .bindArray(
                  "accounts",
                  String.class,
                  frozen.stream().map(draft -> draft.accountId().value()).toList())
              .map((rs, ctx) -> Map.entry(rs.getString(1), rs.getLong(2)))
              .forEach(entry -> sequences.put(entry.getKey(), entry.getValue()));
          freeze(handle, frozen, charges, sequences, issuedAt);
          return frozen.stream().map(InvoiceHeader::id).toList();
        });
  }

  /**
   * Writes the finalized invoices with their numbers, dates and frozen charges, and the credit they
   * consume, with one statement each.
   */
  private static void freeze(
      Handle handle,
      List<InvoiceHeader> frozen,
      Map<InvoiceId, FinalCharges> charges,
      Map<String, Long> sequences,
      Instant issuedAt) {
    List<String> ids = new ArrayList<>();
    List<String> numbers = new ArrayList<>();
    List<String> dues = new ArrayList<>();
    List<String> contents = new ArrayList<>();
    List<List<String>> totals = new ArrayList<>();
    for (int i = 0; i < 6; i++) {
      totals.add(new ArrayList<>());
    }
    List<String> creditInvoices = new ArrayList<>();
    List<String> creditGrants = new ArrayList<>();
    List<String> creditAccounts = new ArrayList<>();
    List<String> creditAmounts = new ArrayList<>();
    for (InvoiceHeader draft : frozen) {
      FinalCharges charge = charges.get(draft.id());
      ids.add(draft.id().value());
      numbers.add(invoiceNumber(draft.accountId(), sequences.get(draft.accountId().value())));
      dues.add(charge.dueAt().toString());
      contents.add(Json.write(charge.content()));
      InvoiceTotals frozenTotals = InvoiceTotals.of(charge.content());
      List<BigDecimal> values =
          List.of(
              frozenTotals.subtotal().minor(),
              frozenTotals.discounts().minor(),
              frozenTotals.credits().minor(),
              frozenTotals.taxPercent(),
              frozenTotals.tax().minor(),
              frozenTotals.total().minor());
      for (int i = 0; i < values.size(); i++) {
        totals.get(i).add(values.get(i).toPlainString());
      }
      for (AppliedCredit credit : charge.content().credits()) {
        creditInvoices.add(draft.id().value());
        creditGrants.add(credit.grantId());
        creditAccounts.add(draft.accountId().value());
        creditAmounts.add(credit.amount().minor().toPlainString());
      }
    }
    handle
        .createUpdate(
            "update invoice i set status = 'FINALIZED', issued_at = :issued, due_at = x.due,"
                + " number = x.number, content = x.content, subtotal = x.subtotal,"
                + " discount_total = x.discount_total, credit_total = x.credit_total,"
                + " tax_percent = x.tax_percent, tax = x.tax, total = x.total"
                + " from unnest(cast(:ids as text[]), cast(:numbers as text[]),"
                + " cast(:dues as timestamptz[]), cast(:contents as jsonb[]),"
                + " cast(:subtotals as numeric[]), cast(:discounts as numeric[]),"
                + " cast(:credits as numeric[]), cast(:taxPercents as numeric[]),"
                + " cast(:taxes as numeric[]), cast(:totals as numeric[]))"
                + " as x(id, number, due, content, subtotal, discount_total, credit_total,"
                + " tax_percent, tax, total) where i.id = x.id")
        .bind("issued", issuedAt)
        .bindArray("subtotals", String.class, totals.get(0))
        .bindArray("discounts", String.class, totals.get(1))
        .bindArray("credits", String.class, totals.get(2))
        .bindArray("taxPercents", String.class, totals.get(3))
        .bindArray("taxes", String.class, totals.get(4))
        .bindArray("totals", String.class, totals.get(5))
        .bindArray("ids", String.class, ids)
        .bindArray("numbers", String.class, numbers)
        .bindArray("dues", String.class, dues)
        .bindArray("contents", String.class, contents)
        .execute();
    if (!creditInvoices.isEmpty()) {
      handle
          .createUpdate(
              "insert into credit_consumption (invoice_id, grant_id, account_id, amount)"
                  + " select * from unnest(cast(:invoices as text[]), cast(:grants as text[]),"
                  + " cast(:accounts as text[]), cast(:amounts as numeric[]))")
          .bindArray("invoices", String.class, creditInvoices)
          .bindArray("grants", String.class, creditGrants)
          .bindArray("accounts", String.class, creditAccounts)
          .bindArray("amounts", String.class, creditAmounts)
          .execute();
    }
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
