package dev.tally.server;

import dev.tally.domain.error.TallyException;
import dev.tally.postgres.Database;
import dev.tally.postgres.EmbeddedDatabase;
import dev.tally.server.admin.AdminApi;
import dev.tally.server.http.Authenticator;
import dev.tally.server.http.Errors;
import dev.tally.server.http.JsonErrorHandler;
import dev.tally.server.http.RequestGuard;
import dev.tally.server.http.RequestIds;
import dev.tally.server.http.WireJson;
import dev.tally.server.ingest.IngestRoute;
import dev.tally.server.metronome.CustomerInvoicesRoute;
import dev.tally.server.northflank.NorthflankApi;
import dev.tally.server.payments.PaymentWebhook;
import io.javalin.Javalin;
import io.javalin.http.HttpResponseException;
import io.javalin.json.JavalinJackson;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A running Tally server: the database (embedded unless a URL is given), the stores and services,
 * and the HTTP server. Everything is built here with {@code new}; time comes from the one clock.
 */
public final class Tally implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(Tally.class);

  private final EmbeddedDatabase embedded;
  private final Database database;
  private final Services services;
  private final Javalin app;
  private BillingScheduler scheduler;
  private final String newOperatorToken;

  private Tally(
      EmbeddedDatabase embedded,
      Database database,
      Services services,
      Javalin app,
      BillingScheduler scheduler,
      String newOperatorToken) {
    this.embedded = embedded;
    this.database = database;
    this.services = services;
    this.app = app;
    this.scheduler = scheduler;
    this.newOperatorToken = newOperatorToken;
  }

  public static Tally start(TallyConfig config, Clock clock) {
    // Durations of the start-up phases, for the log (not business time: no clock involved).
    long started = System.nanoTime();
    EmbeddedDatabase embedded = null;
    try {
      Files.createDirectories(config.dataDirectory());
    } catch (IOException e) {
      throw new UncheckedIOException(
          "cannot create the data directory " + config.dataDirectory(), e);
    }
    if (config.databaseUrl() == null) {
      embedded = EmbeddedDatabase.start(config.dataDirectory(), 0);
      LOG.info("embedded PostgreSQL ready after {} ms", millisSince(started));
    }
    // A start that fails stops the PostgreSQL it started (nothing else would: the embedded
    // database registers no shutdown hook of its own).
    Database database = null;
    try {
      database =
          embedded != null
              ? Database.open(embedded.jdbcUrl("postgres"), null, null, 16)
              : Database.open(
                  config.databaseUrl(), config.databaseUser(), config.databasePassword(), 16);
      LOG.info("schema up to date after {} ms", millisSince(started));
      return start(config, clock, embedded, database, started);
    } catch (RuntimeException | Error e) {
      if (database != null) {
        database.close();
      }
      if (embedded != null) {
        embedded.close();
      }
      throw e;
    }
  }

  private static Tally start(
      TallyConfig config, Clock clock, EmbeddedDatabase embedded, Database database, long started) {
    Services services =
        Services.wire(
            database, clock, config.backdatingWindow(), config.gracePeriod(), config.lateUsage());
    String newOperatorToken = bootstrapOperator(services, config.operatorToken());
    PrometheusMeterRegistry metrics = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    Authenticator authenticator = new Authenticator(services.tokens());
    AdminApi admin =
        new AdminApi(
            services.accounts(),
            services.catalog(),
            services.tokens(),
            services.issuer(),
            services.invoices(),
            services.adjustments(),
            services.billingRun(),
            services.lifecycle(),
            authenticator,
            clock);
    PaymentWebhook payments =
        new PaymentWebhook(services.lifecycle(), config.webhookSecret(), clock);
    IngestRoute ingest = new IngestRoute(services.ingest(), authenticator, metrics);
    CustomerInvoicesRoute metronomeInvoices =
        new CustomerInvoicesRoute(services.invoices(), authenticator);
    NorthflankApi northflank =
        new NorthflankApi(services.accounts(), services.invoices(), authenticator, clock);
    Javalin app =
        Javalin.create(
            javalin -> {
              javalin.jsonMapper(new JavalinJackson(WireJson.MAPPER, true));
              javalin.concurrency.useVirtualThreads = true;
              javalin.http.maxRequestSize = 4 * 1024 * 1024;
              javalin.startup.showJavalinBanner = false;
              javalin.jetty.host = config.host();
              javalin.jetty.port = config.port();
              javalin.jetty.modifyServer(server -> server.setErrorHandler(new JsonErrorHandler()));
              javalin.routes.before(RequestIds::assign);
              javalin.routes.before(RequestGuard::check);
              Routes.register(javalin.routes, admin, ingest, metrics);
              Routes.registerMetronomeInvoices(javalin.routes, metronomeInvoices, database);
              Routes.registerNorthflankBilling(javalin.routes, northflank, database);
              Routes.registerWebhooks(javalin.routes, payments);
              javalin.routes.exception(TallyException.class, Errors::handle);
              javalin.routes.exception(
                  HttpResponseException.class,
                  (e, ctx) -> Errors.write(ctx, e.getStatus(), e.getMessage(), List.of()));
              javalin.routes.exception(Exception.class, Errors::handleUnexpected);
              javalin.routes.error(
                  404,
                  ctx -> {
                    if (ctx.result() == null
                        || ctx.result().isEmpty()
                        || !String.valueOf(ctx.res().getContentType())
                            .startsWith("application/json")) {
                      Errors.write(
                          ctx, 404, "no route " + ctx.method() + " " + ctx.path(), List.of());
                    }
                  });
              javalin.routes.error(
                  405,
                  ctx ->
                      Errors.write(
                          ctx, 405, "method " + ctx.method() + " is not allowed here", List.of()));
              javalin.requestLogger.http(new RequestLog(metrics)::log);
            });
    app.start();
    BillingScheduler scheduler =
        config.billingInterval() == null
            ? null
            : new BillingScheduler(services.billingRun(), config.billingInterval());
    LOG.info(
        "Tally is listening on http://{}:{} ({} ms after start-up began, {} ms after the JVM did)",
        config.host(),
        app.port(),
        millisSince(started),
        java.lang.management.ManagementFactory.getRuntimeMXBean().getUptime());
    return new Tally(embedded, database, services, app, scheduler, newOperatorToken);
  }

  /** Makes sure an operator can get in: the configured token, or a new one on first start. */
  private static String bootstrapOperator(Services services, String configured) {
    if (configured != null) {
      if (!services.issuer().ensureOperator(configured)) {
        throw new IllegalArgumentException(
            "the operator token must look like tly_<12 letters or digits>_<32 letters or digits>");
      }
      return null;
    }
    if (services.issuer().hasOperator()) {
      return null;
    }
    return services
        .issuer()
        .issue(
            "bootstrap operator",
            dev.tally.domain.access.TokenKind.OPERATOR,
            null,
            null,
            java.util.Set.of())
        .text();
  }

  /** Starts the billing scheduler now, when the config did not (the demo seeds first). */
  public synchronized void startBillingScheduler(Duration interval) {
    if (scheduler == null) {
      scheduler = new BillingScheduler(services.billingRun(), interval);
    }
  }

  public int port() {
    return app.port();
  }

  public String baseUrl() {
    return "http://127.0.0.1:" + port();
  }

  public Services services() {
    return services;
  }

  public Database database() {
    return database;
  }

  /** The operator token made on this start because none existed, or null. Shown once. */
  public String newOperatorToken() {
    return newOperatorToken;
  }

  public static Path defaultDataDirectory() {
    return Path.of(System.getProperty("user.home"), ".tally");
  }

  @Override
  public synchronized void close() {
    if (scheduler != null) {
      scheduler.close();
    }
    app.stop();
    services.usage().close();
    database.close();
    if (embedded != null) {
      embedded.close();
    }
  }

  private static long millisSince(long nanoTime) {
    return (System.nanoTime() - nanoTime) / 1_000_000;
  }
}
