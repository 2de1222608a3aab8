package dev.tally.server;

import dev.tally.domain.account.AccountStore;
import dev.tally.domain.billing.BillingRun;
import dev.tally.domain.billing.IngestService;
import dev.tally.domain.billing.InvoiceLifecycle;
import dev.tally.domain.billing.InvoiceService;
import dev.tally.domain.invoice.AdjustmentStore;
import dev.tally.domain.invoice.InvoiceStore;
import dev.tally.domain.pricing.CatalogStore;
import dev.tally.domain.usage.LateUsage;
import dev.tally.postgres.Database;
import dev.tally.postgres.PostgresAccountStore;
import dev.tally.postgres.PostgresAdjustmentStore;
import dev.tally.postgres.PostgresCatalogStore;
import dev.tally.postgres.PostgresInvoiceStore;
import dev.tally.postgres.PostgresTokenStore;
import dev.tally.postgres.PostgresUsageStore;
import dev.tally.server.admin.TokenIssuer;
import java.time.Clock;
import java.time.Duration;

/**
 * Every store and service of Tally, built with {@code new} on one database and one clock. The usage
 * store folds pending usage in the background: close it before the database.
 */
public record Services(
    AccountStore accounts,
    CatalogStore catalog,
    PostgresTokenStore tokens,
    PostgresUsageStore usage,
    InvoiceStore invoiceStore,
    AdjustmentStore adjustments,
    TokenIssuer issuer,
    IngestService ingest,
    InvoiceService invoices,
    BillingRun billingRun,
    InvoiceLifecycle lifecycle,
    Clock clock) {

  public static Services wire(
      Database database,
      Clock clock,
      Duration backdatingWindow,
      Duration gracePeriod,
      LateUsage lateUsage) {
    AccountStore accounts = new PostgresAccountStore(database);
    CatalogStore catalog = new PostgresCatalogStore(database, clock);
    PostgresTokenStore tokens = new PostgresTokenStore(database);
    PostgresUsageStore usage = new PostgresUsageStore(database, clock);
    InvoiceStore invoiceStore = new PostgresInvoiceStore(database);
    AdjustmentStore adjustments = new PostgresAdjustmentStore(database, clock);
    InvoiceService invoices =
        new InvoiceService(accounts, catalog, usage, invoiceStore, adjustments, clock);
    BillingRun billingRun = new BillingRun(accounts, invoiceStore, invoices, clock, gracePeriod);
    return new Services(
        accounts,
        catalog,
        tokens,
        usage,
        invoiceStore,
        adjustments,
        new TokenIssuer(tokens, clock),
        new IngestService(accounts, catalog, usage, clock, backdatingWindow, lateUsage),
        invoices,
        billingRun,
        new InvoiceLifecycle(invoiceStore, billingRun, clock),
        clock);
  }
}
