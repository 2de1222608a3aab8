package dev.tally.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tally.domain.access.ApiToken;
import dev.tally.domain.access.Permission;
import dev.tally.domain.access.TokenKind;
import dev.tally.domain.account.AccountId;
import dev.tally.domain.invoice.InvoiceStore.Listing;
import dev.tally.domain.invoice.ListedInvoice;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * An invoice listing, and a token, carry the draft version read in the same statement, and it is
 * the very version {@code draftVersion} reads on its own: a node compares them to reuse a drawn
 * draft or a written list page.
 */
class InvoiceListingTest {
  private static final AccountId ACME = new AccountId("acme");

  private Database database;
  private PostgresInvoiceStore store;

  @BeforeEach
  void open() {
    database = TestDatabases.fresh();
    store = new PostgresInvoiceStore(database);
  }

  @AfterEach
  void close() {
    database.close();
  }

  @Test
  void carriesTheDraftVersionExactlyAsDraftVersionReadsIt() {
    database
        .jdbi()
        .useHandle(
            handle -> {
              TestDatabases.insertAcme(handle);
              // Ids whose order differs between byte order and a linguistic collation.
              insert(handle, "inv_b", "2026-01-01", "FINALIZED");
              insert(handle, "Inv_c", "2026-02-01", "VOID");
              insert(handle, "inv-a", "2026-02-01", "FINALIZED");
              insert(handle, "inv_A", "2026-03-01", "DRAFT");
              handle.execute(
                  "insert into usage_period (account_id, period_start, meter_id, dim_key,"
                      + " period_end, dims, total, event_count, max_value) values ('acme',"
                      + " '2026-03-01T00:00:00Z', 'requests', '', '2026-04-01T00:00:00Z', '{}',"
                      + " 12, 7, 3)");
              handle.execute("update account set name = 'Acme Inc' where id = 'acme'");
              handle.execute("update invoice set paid_at = now() where id = 'inv_b'");
            });

    Listing listing = store.listing(ACME);

    assertThat(listing.invoices())
        .extracting(listed -> listed.header().id().value())
        .containsExactly("inv_A", "inv-a", "Inv_c", "inv_b");
    assertThat(listing.version()).isEqualTo(store.draftVersion(ACME));
    // Revision 2; the invoices' stamps 1-4 from their inserts, inv_b's restamped 5 by its update.
    assertThat(listing.version().inputs()).isEqualTo("2/" + (5 + 2 + 3 + 4));
    // Events 7, period rows 1, fold epoch 0, pending rows in the account's shard 0.
    assertThat(listing.version().usage()).isEqualTo("7/1/0/0");
    assertThat(listing.revision()).isEqualTo(2);
    PostgresTokenStore tokens = new PostgresTokenStore(database);
    tokens.create(token("acme-token", TokenKind.ACCOUNT, ACME), new byte[] {1, 2, 3});
    tokens.create(token("operator", TokenKind.OPERATOR, null), new byte[] {4});
    assertThat(tokens.findWithDraftVersion("acme-token").orElseThrow().version())
        .as("read with the token")
        .isEqualTo(listing.version());
    assertThat(tokens.findWithDraftVersion("acme-token").orElseThrow().stored().secretHash())
        .containsExactly(1, 2, 3);
    assertThat(tokens.findWithDraftVersion("operator").orElseThrow().version()).isNull();
    assertThat(tokens.findWithDraftVersion("nobody")).isEmpty();
    assertThat(store.listWithTotals(ACME))
        .extracting(ListedInvoice::header)
        .isEqualTo(listing.invoices().stream().map(ListedInvoice::header).toList());
  }

  /**
   * Every change to an invoice (a new draft, its finalization, a payment, a payment report, a void)
   * gives the account's invoices a part of the version it never had before; reading without a
   * change gives the same part.
   */
  @Test
  void everyInvoiceChangeGivesANewVersion() {
    List<String> parts = new ArrayList<>();
    database
        .jdbi()
        .useHandle(
            handle -> {
              TestDatabases.insertAcme(handle);
              insert(handle, "inv_1", "2026-01-01", "DRAFT");
              parts.add(invoicesPart());
              assertThat(invoicesPart()).as("nothing changed").isEqualTo(parts.get(0));
              insert(handle, "inv_2", "2026-02-01", "DRAFT");
              parts.add(invoicesPart());
              for (String change :
                  List.of(
                      "status = 'FINALIZED'",
                      "paid_at = now()",
                      "payment_status = 'succeeded'",
                      "status = 'VOID'")) {
                handle.execute("update invoice set " + change + " where id = 'inv_1'");
                parts.add(invoicesPart());
              }
            });

    assertThat(parts).doesNotHaveDuplicates().hasSize(6);
  }

  /**
   * Two changes to one account's invoices committed in the opposite order to the one in which they
   * were stamped: the version after the first commit differs from both the one before and the one
   * after the second (the greatest stamp alone would miss the second).
   */
  @Test
  void changesCommittedOutOfStampOrderEachGiveANewVersion() {
    acmeWithTwoInvoices(database.jdbi(), "DRAFT");
    String before = invoicesPart();
    String afterFirst;
    try (Handle first = database.jdbi().open();
        Handle second = database.jdbi().open()) {
      first.begin();
      second.begin();
      first.execute("update invoice set status = 'FINALIZED' where id = 'inv_1'");
      second.execute("update invoice set status = 'FINALIZED' where id = 'inv_2'");
      second.commit();
      afterFirst = invoicesPart();
      first.commit();
    }
    String afterBoth = invoicesPart();

    assertThat(List.of(before, afterFirst, afterBoth)).doesNotHaveDuplicates();
  }

  /** Invoices stored before migration V13 are given distinct stamps by it. */
  @Test
  void invoicesStoredBeforeTheStampsAreStamped() {
    String url = TestDatabases.freshUrlMigratedTo("12");
    acmeWithTwoInvoices(Jdbi.create(url), "FINALIZED");

    try (Database migrated = Database.open(url, null, null, 2)) {
      List<Long> stamps =
          migrated
              .jdbi()
              .withHandle(
                  handle ->
                      handle.createQuery("select stamp from invoice").mapTo(Long.class).list());
      assertThat(stamps).hasSize(2).doesNotHaveDuplicates().doesNotContainNull();
    }
  }

  @Test
  void anAccountWithoutInvoicesListsNoVersion() {
    Listing listing = store.listing(new AccountId("nobody"));

    assertThat(listing.invoices()).isEmpty();
    assertThat(listing.version()).isNull();
    assertThat(listing.revision()).isNull();
  }

  private static ApiToken token(String id, TokenKind kind, AccountId account) {
    return new ApiToken(
        id, id, kind, account, null, Set.of(Permission.BILLING_READ), Instant.now(), null);
  }

  /** The part of Acme's draft version that its invoices make (after the account's revision). */
  private String invoicesPart() {
    String inputs = store.draftVersion(ACME).inputs();
    return inputs.substring(inputs.indexOf('/') + 1);
  }

  /** Acme with invoice inv_1 (January, in {@code firstStatus}) and the draft inv_2 (February). */
  private static void acmeWithTwoInvoices(Jdbi jdbi, String firstStatus) {
    jdbi.useHandle(
        handle -> {
          TestDatabases.insertAcme(handle);
          insert(handle, "inv_1", "2026-01-01", firstStatus);
          insert(handle, "inv_2", "2026-02-01", "DRAFT");
        });
  }

  private static void insert(Handle handle, String id, String month, String status) {
    handle
        .createUpdate(
            "insert into invoice (id, account_id, period_start, period_end, status, currency,"
                + " created_at) values (:id, 'acme', cast(:start as timestamptz),"
                + " cast(:start as timestamptz) + interval '1 month', :status, 'USD', now())")
        .bind("id", id)
        .bind("start", month + "T00:00:00Z")
        .bind("status", status)
        .execute();
  }
}
