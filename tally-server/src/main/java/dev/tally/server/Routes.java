package dev.tally.server;

import static dev.tally.server.http.ApiFamily.ADMIN_PREFIX;

import dev.tally.postgres.Database;
import dev.tally.server.admin.AdminApi;
import dev.tally.server.ingest.IngestRoute;
import dev.tally.server.metronome.CustomerInvoicesRoute;
import dev.tally.server.northflank.NorthflankApi;
import dev.tally.server.payments.PaymentWebhook;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Handler;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;

/**
 * The table of contents of Tally's HTTP API. Three families share one port without colliding:
 * Northflank's customer billing routes under {@code /v1/billing}, {@code /v1/teams} and {@code
 * /v1/login}; Metronome's operator routes {@code /v1/ingest} and {@code /v1/customers}; Tally's
 * admin API under {@code /admin/v1}; and Tally's signed payment webhook {@code /v1/webhooks}.
 */
final class Routes {
  private Routes() {}

  static void register(
      RoutesConfig routes, AdminApi admin, IngestRoute ingest, PrometheusMeterRegistry metrics) {
    // operations
    routes.get("/healthz", ctx -> ctx.json(java.util.Map.of("status", "ok")));
    routes.get(
        "/metrics",
        ctx ->
            ctx.contentType("text/plain; version=0.0.4; charset=utf-8").result(metrics.scrape()));

    // Metronome family: usage ingest
    routes.post("/v1/ingest", ingest::handle);

    // admin API
    routes.before(ADMIN_PREFIX + "/*", admin::requireOperator);
    routes.post(ADMIN_PREFIX + "/accounts", admin::createAccount);
    routes.get(ADMIN_PREFIX + "/accounts", admin::listAccounts);
    routes.get(ADMIN_PREFIX + "/accounts/{accountId}", admin::getAccount);
    routes.patch(ADMIN_PREFIX + "/accounts/{accountId}", admin::updateAccount);
    routes.get(ADMIN_PREFIX + "/accounts/{accountId}/tree", admin::getDirectory);
    routes.post(ADMIN_PREFIX + "/accounts/{accountId}/teams", admin::createTeam);
    routes.post(ADMIN_PREFIX + "/teams/{teamId}/projects", admin::createProject);
    routes.post(ADMIN_PREFIX + "/projects/{projectId}/resources", admin::createResource);
    routes.post(ADMIN_PREFIX + "/accounts/{accountId}/clusters", admin::createCluster);
    routes.post(ADMIN_PREFIX + "/meters", admin::createMeter);
    routes.get(ADMIN_PREFIX + "/meters", admin::listMeters);
    routes.get(ADMIN_PREFIX + "/meters/{meterId}", admin::getMeter);
    routes.post(ADMIN_PREFIX + "/plans", admin::createPlan);
    routes.get(ADMIN_PREFIX + "/plans", admin::listPlans);
    routes.get(ADMIN_PREFIX + "/plans/{planId}", admin::getPlan);
    routes.post(ADMIN_PREFIX + "/accounts/{accountId}/subscriptions", admin::createSubscription);
    routes.get(ADMIN_PREFIX + "/accounts/{accountId}/subscriptions", admin::listSubscriptions);
    routes.post(ADMIN_PREFIX + "/accounts/{accountId}/discounts", admin::createDiscount);
    routes.get(ADMIN_PREFIX + "/accounts/{accountId}/discounts", admin::listDiscounts);
    routes.post(ADMIN_PREFIX + "/accounts/{accountId}/credit-grants", admin::createCreditGrant);
    routes.get(ADMIN_PREFIX + "/accounts/{accountId}/credit-grants", admin::listCreditGrants);
    routes.post(ADMIN_PREFIX + "/tokens", admin::createToken);
    routes.get(ADMIN_PREFIX + "/tokens", admin::listTokens);
    routes.delete(ADMIN_PREFIX + "/tokens/{tokenId}", admin::revokeToken);
    routes.post(ADMIN_PREFIX + "/billing-runs", admin::runBilling);
    routes.get(ADMIN_PREFIX + "/accounts/{accountId}/invoices", admin::listInvoices);
    routes.get(ADMIN_PREFIX + "/invoices/{invoiceId}", admin::getInvoice);
    routes.post(ADMIN_PREFIX + "/invoices/{invoiceId}/void", admin::voidInvoice);
    routes.post(ADMIN_PREFIX + "/invoices/{invoiceId}/regenerate", admin::regenerateInvoice);
    routes.put(ADMIN_PREFIX + "/invoices/{invoiceId}/payment", admin::recordPayment);
  }

  /** Payment providers report an invoice's payment status, signed with the webhook secret. */
  static void registerWebhooks(RoutesConfig routes, PaymentWebhook payments) {
    routes.post("/v1/webhooks/payments", payments::handle);
  }

  /**
   * A read route that makes many small reads (an invoice list or a draft drawn live): all of them
   * on one connection and handle, instead of one of each per statement.
   */
  static Handler onOneConnection(Database database, Handler handler) {
    return ctx ->
        database.onOneConnection(
            () -> {
              handler.handle(ctx);
              return null;
            });
  }

  /** Metronome family: the operator's view of a customer's invoices. */
  static void registerMetronomeInvoices(
      RoutesConfig routes, CustomerInvoicesRoute invoices, Database database) {
    routes.get("/v1/customers/{customer_id}/invoices", onOneConnection(database, invoices::list));
    routes.get(
        "/v1/customers/{customer_id}/invoices/{invoice_id}",
        onOneConnection(database, invoices::retrieve));
  }

  /**
   * Northflank family: a customer's invoices, with an account token, or a team's share of them
   * under {@code /v1/teams/{teamId}} (see docs/northflank-api.md). {@code details} comes before
   * {@code {invoiceId}} so that it is never read as an invoice id.
   */
  static void registerNorthflankBilling(
      RoutesConfig routes, NorthflankApi northflank, Database database) {
    routes.get("/v1/login", northflank::login);
    for (String prefix : new String[] {"/v1", "/v1/teams/{teamId}"}) {
      routes.get(prefix + "/billing/invoices", onOneConnection(database, northflank::listInvoices));
      routes.get(
          prefix + "/billing/invoices/details",
          onOneConnection(database, northflank::invoiceDetails));
      routes.get(
          prefix + "/billing/invoices/{invoiceId}",
          onOneConnection(database, northflank::getInvoice));
    }
  }
}
