package dev.tally.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tally.domain.access.ApiToken;
import dev.tally.domain.access.Permission;
import dev.tally.domain.access.TokenKind;
import dev.tally.domain.account.AccountId;
import dev.tally.domain.invoice.InvoiceStore.Listing;
import dev.tally.domain.invoice.ListedInvoice;
import java.time.Instant;
import java.util.Set;
import org.jdbi.v3.core.Handle;
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
              handle.execute(
                  "insert into account (id, name, currency, billing_anchor, created_at)"
                      + " values ('acme', 'Acme', 'USD', '2026-01-01T00:00:00Z', now())");
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
    assertThat(listing.version().inputs())
        .isEqualTo("2/Inv_c=VOID,inv-a=FINALIZED,inv_A=DRAFT,inv_b=FINALIZED+paid");
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
