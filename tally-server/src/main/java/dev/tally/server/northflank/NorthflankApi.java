package dev.tally.server.northflank;

import dev.tally.domain.access.ApiToken;
import dev.tally.domain.account.AccountId;
import dev.tally.domain.account.AccountStore;
import dev.tally.domain.account.ResourceType;
import dev.tally.domain.account.TeamId;
import dev.tally.domain.billing.InvoiceService;
import dev.tally.domain.error.NotFound;
import dev.tally.domain.invoice.DraftVersion;
import dev.tally.domain.invoice.Invoice;
import dev.tally.domain.invoice.InvoiceHeader;
import dev.tally.domain.invoice.InvoiceId;
import dev.tally.domain.invoice.InvoiceTotals;
import dev.tally.domain.invoice.ListedInvoice;
import dev.tally.server.http.Authenticator;
import dev.tally.server.http.Principal;
import dev.tally.server.http.WireJson;
import io.javalin.http.Context;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * The handlers of the Northflank billing routes. Each serves an account form ({@code
 * /v1/billing/...}, account tokens) and a team form ({@code /v1/teams/{teamId}/billing/...}, the
 * account's tokens or that team's token), which shows only the team's share of each invoice.
 */
public final class NorthflankApi {
  private static final String TEAM_ID = "teamId";

  private final AccountStore accounts;
  private final InvoiceService invoices;
  private final Authenticator authenticator;
  private final Clock clock;
  private final ListPages pages = new ListPages();

  public NorthflankApi(
      AccountStore accounts, InvoiceService invoices, Authenticator authenticator, Clock clock) {
    this.accounts = Objects.requireNonNull(accounts, "accounts");
    this.invoices = Objects.requireNonNull(invoices, "invoices");
    this.authenticator = Objects.requireNonNull(authenticator, "authenticator");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /** {@code GET /v1/login}: 200 for any valid token (the CLI's login checks it here), else 401. */
  public void login(Context ctx) {
    ApiToken token = authenticator.authenticate(ctx).token();
    Map<String, Object> view = new LinkedHashMap<>();
    view.put("tokenId", token.id());
    view.put("kind", token.kind().name().toLowerCase(Locale.ROOT));
    view.put("accountId", token.accountId() == null ? null : token.accountId().value());
    view.put("teamId", token.teamId() == null ? null : token.teamId().value());
    WireJson.respond(ctx, Map.of("data", view));
  }

  /**
   * The invoices, newest period first, by {@code per_page} with {@code page} or {@code cursor}. A
   * whole account's page is answered from the bytes written for it earlier while nothing it was
   * written from has changed (see {@link ListPages}).
   */
  public void listInvoices(Context ctx) {
    Reader reader = reader(ctx, true);
    QueryParameters query = new QueryParameters(ctx);
    int perPage = query.perPage();
    long page = query.page();
    InvoiceCursor cursor = query.cursor();
    query.check();
    Instant now = clock.instant();
    ListPages.Key key =
        reader.scope().isWhole()
            ? new ListPages.Key(
                reader.accountId(), perPage, page, cursor == null ? null : cursor.encode())
            : null;
    if (key != null) {
      byte[] kept = pages.find(key, now, reader.version());
      if (kept != null) {
        WireJson.respond(ctx, kept);
        return;
      }
    }
    InvoiceService.InvoiceList list = invoices.listed(reader.accountId());
    Map<InvoiceId, InvoiceTotals> frozen = new HashMap<>();
    List<InvoiceHeader> headers = new ArrayList<>();
    for (ListedInvoice listed : list.invoices()) {
      headers.add(listed.header());
      if (listed.frozenTotals() != null) {
        frozen.put(listed.header().id(), listed.frozenTotals());
      }
    }
    InvoicePage selected = InvoicePage.of(headers, perPage, page, cursor);
    List<Map<String, Object>> items = new ArrayList<>();
    for (InvoiceHeader header : selected.invoices()) {
      InvoiceTotals totals = frozen.get(header.id());
      // The whole invoice's totals were frozen with it; a draft is drawn live, and a team's share
      // of a final invoice is read from its breakdown.
      items.add(
          totals != null && reader.scope().isWhole()
              ? NorthflankViews.listItem(header, totals.subtotal(), totals.total())
              : NorthflankViews.listItem(
                  header, reader.scope().apply(invoices.charges(header, list))));
    }
    Map<String, Object> pagination = new LinkedHashMap<>();
    pagination.put("hasNextPage", selected.next() != null);
    pagination.put("count", items.size());
    if (selected.next() != null) {
      pagination.put("cursor", selected.next().encode());
    }
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("data", Map.of("invoices", items));
    body.put("pagination", pagination);
    byte[] json = WireJson.bytes(body);
    if (key != null && list.version() != null) {
      pages.keep(key, list.version(), list.account(), now, json);
    }
    WireJson.respond(ctx, json);
  }

  /**
   * The preview of the current period (the live draft), or with {@code timestamp} the invoice whose
   * period contains it. The CLI's legacy filters narrow the breakdown to a project or resource.
   */
  public void invoiceDetails(Context ctx) {
    Reader reader = reader(ctx, false);
    QueryParameters query = new QueryParameters(ctx);
    Instant timestamp = query.timestamp();
    InvoiceScope scope =
        reader
            .scope()
            .withProject(query.id("projectId"))
            .withResource(ResourceType.SERVICE, query.id("serviceId"))
            .withResource(ResourceType.JOB, query.id("jobId"))
            .withResource(ResourceType.ADDON, query.id("addonId"));
    query.check();
    Instant at = timestamp == null ? clock.instant() : timestamp;
    Invoice invoice =
        invoices
            .containing(reader.accountId(), at)
            .orElseThrow(
                () ->
                    timestamp == null
                        ? new NotFound(
                            "current billing period of account", reader.accountId().value())
                        : new NotFound(
                            "invoice containing the unix time",
                            Long.toString(at.getEpochSecond())));
    WireJson.respond(
        ctx,
        Map.of(
            "data",
            NorthflankViews.details(
                invoice.header(), scope.apply(invoice.content()), timestamp != null)));
  }

  /**
   * One invoice's whole breakdown, narrowed by the {@code teamId}, {@code projectId} and {@code
   * resourceType} filters.
   */
  public void getInvoice(Context ctx) {
    Reader reader = reader(ctx, true);
    QueryParameters query = new QueryParameters(ctx);
    InvoiceScope scope =
        reader
            .scope()
            .withTeam(query.id(TEAM_ID))
            .withProject(query.id("projectId"))
            .withType(query.resourceType());
    query.check();
    String id = ctx.pathParam("invoiceId");
    InvoiceHeader header = invoices.header(reader.accountId(), new InvoiceId(id));
    Invoice invoice = new Invoice(header, invoices.charges(header, reader.version()));
    WireJson.respond(
        ctx,
        Map.of("data", NorthflankViews.invoice(invoice.header(), scope.apply(invoice.content()))));
  }

  /**
   * Who reads which part: the account of the token, and on a team route the team's share. A team
   * token reads only its own team's routes (403 elsewhere); for an account token a team of another
   * account is as unknown as a team that does not exist (404). With {@code withVersion}, a whole
   * account's reader carries the draft version of the account, read with the token.
   */
  private Reader reader(Context ctx, boolean withVersion) {
    boolean whole = !ctx.pathParamMap().containsKey(TEAM_ID);
    Authenticator.Authenticated authenticated =
        withVersion && whole
            ? authenticator.authenticateWithDraftVersion(ctx)
            : new Authenticator.Authenticated(authenticator.authenticate(ctx), null);
    Principal principal = authenticated.principal();
    ApiToken token = principal.token();
    if (whole) {
      principal.requireBillingRead(token.accountId(), null);
      return new Reader(token.accountId(), InvoiceScope.WHOLE, authenticated.version());
    }
    TeamId teamId = new TeamId(ctx.pathParam(TEAM_ID));
    principal.requireBillingRead(token.accountId(), teamId);
    accounts
        .findTeam(teamId)
        .filter(team -> team.accountId().equals(token.accountId()))
        .orElseThrow(() -> new NotFound("team", teamId.value()));
    return new Reader(token.accountId(), InvoiceScope.team(teamId.value()), null);
  }

  /**
   * The account a request reads, the part of each invoice it sees, and the draft version of the
   * account when it was read with the token (else null).
   */
  private record Reader(AccountId accountId, InvoiceScope scope, DraftVersion version) {}
}
