package dev.tally.server.admin;

import dev.tally.domain.access.Permission;
import dev.tally.domain.access.TokenKind;
import dev.tally.domain.access.TokenStore;
import dev.tally.domain.account.Account;
import dev.tally.domain.account.AccountId;
import dev.tally.domain.account.AccountStore;
import dev.tally.domain.account.Cluster;
import dev.tally.domain.account.ClusterId;
import dev.tally.domain.account.Project;
import dev.tally.domain.account.ProjectId;
import dev.tally.domain.account.Resource;
import dev.tally.domain.account.ResourceId;
import dev.tally.domain.account.ResourceType;
import dev.tally.domain.account.Team;
import dev.tally.domain.account.TeamId;
import dev.tally.domain.billing.BillingRun;
import dev.tally.domain.billing.InvoiceLifecycle;
import dev.tally.domain.billing.InvoiceService;
import dev.tally.domain.error.FieldErrors;
import dev.tally.domain.error.NotFound;
import dev.tally.domain.invoice.AdjustmentStore;
import dev.tally.domain.invoice.CreditGrant;
import dev.tally.domain.invoice.Discount;
import dev.tally.domain.invoice.InvoiceHeader;
import dev.tally.domain.invoice.InvoiceId;
import dev.tally.domain.money.Currencies;
import dev.tally.domain.money.Money;
import dev.tally.domain.pricing.CatalogStore;
import dev.tally.domain.pricing.GraduatedTiers;
import dev.tally.domain.pricing.MeterPrice;
import dev.tally.domain.pricing.PerUnit;
import dev.tally.domain.pricing.Plan;
import dev.tally.domain.pricing.PlanId;
import dev.tally.domain.pricing.PriceModel;
import dev.tally.domain.pricing.Subscription;
import dev.tally.domain.pricing.Tier;
import dev.tally.domain.pricing.VolumeTiers;
import dev.tally.domain.usage.Aggregation;
import dev.tally.domain.usage.InvoiceCategory;
import dev.tally.domain.usage.Meter;
import dev.tally.domain.usage.MeterId;
import dev.tally.server.http.Authenticator;
import dev.tally.server.http.JsonInput;
import dev.tally.server.http.WireJson;
import dev.tally.server.payments.PaymentWebhook.PaymentReport;
import io.javalin.http.Context;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

/**
 * The handlers of the admin API. Each checks the operator token, reads the body collecting every
 * field error, checks references (404 for unknown ids), and stores.
 */
public final class AdminApi {
  private static final int MAX_NAME = 200;

  private final AccountStore accounts;
  private final CatalogStore catalog;
  private final TokenStore tokens;
  private final TokenIssuer issuer;
  private final InvoiceService invoices;
  private final AdjustmentStore adjustments;
  private final BillingRun billingRun;
  private final InvoiceLifecycle lifecycle;
  private final Authenticator authenticator;
  private final Clock clock;

  public AdminApi(
      AccountStore accounts,
      CatalogStore catalog,
      TokenStore tokens,
      TokenIssuer issuer,
      InvoiceService invoices,
      AdjustmentStore adjustments,
      BillingRun billingRun,
      InvoiceLifecycle lifecycle,
      Authenticator authenticator,
      Clock clock) {
    this.accounts = Objects.requireNonNull(accounts, "accounts");
    this.catalog = Objects.requireNonNull(catalog, "catalog");
    this.tokens = Objects.requireNonNull(tokens, "tokens");
    this.issuer = Objects.requireNonNull(issuer, "issuer");
    this.invoices = Objects.requireNonNull(invoices, "invoices");
    this.adjustments = Objects.requireNonNull(adjustments, "adjustments");
    this.billingRun = Objects.requireNonNull(billingRun, "billingRun");
    this.lifecycle = Objects.requireNonNull(lifecycle, "lifecycle");
    this.authenticator = Objects.requireNonNull(authenticator, "authenticator");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /** Requires an operator token on every admin route. */
  public void requireOperator(Context ctx) {
    authenticator.authenticate(ctx).requireOperator();
  }

  // accounts and their tree

  public void createAccount(Context ctx) {
    FieldErrors errors = new FieldErrors();
    JsonInput body = JsonInput.body(WireJson.parse(ctx.bodyAsBytes()), errors);
    String id = body.id("id", false);
    String name = name(body);
    String currency = body.text("currency", true);
    if (currency != null && Currencies.canonical(currency).isEmpty()) {
      errors.add("currency", "must be an ISO 4217 currency code such as USD");
    }
    Instant anchor = body.instant("billing_anchor", false);
    BigDecimal tax = taxPercent(body);
    Integer terms = paymentTerms(body);
    String contract = body.text("contract_id", false);
    errors.throwIfAny("the account is not valid");
    Instant now = clock.instant();
    Account account =
        new Account(
            new AccountId(id == null ? UUID.randomUUID().toString() : id),
            name,
            Currencies.canonical(currency).orElseThrow(),
            (anchor == null ? now : anchor).truncatedTo(ChronoUnit.HOURS),
            tax == null ? BigDecimal.ZERO : tax,
            terms == null ? 30 : terms,
            contract,
            now);
    accounts.create(account);
    created(ctx, AdminViews.toApi(account));
  }

  public void listAccounts(Context ctx) {
    ok(ctx, Map.of("data", accounts.list().stream().map(AdminViews::toApi).toList()));
  }

  public void getAccount(Context ctx) {
    ok(ctx, AdminViews.toApi(account(ctx.pathParam("accountId"))));
  }

  public void updateAccount(Context ctx) {
    Account account = account(ctx.pathParam("accountId"));
    FieldErrors errors = new FieldErrors();
    JsonInput body = JsonInput.body(WireJson.parse(ctx.bodyAsBytes()), errors);
    for (String immutable : List.of("id", "currency", "billing_anchor")) {
      if (body.has(immutable)) {
        errors.add(immutable, "cannot be changed");
      }
    }
    String name = body.has("name") ? name(body) : account.name();
    BigDecimal tax = body.has("tax_percent") ? taxPercent(body) : account.taxPercent();
    Integer terms =
        body.has("payment_terms_days") ? paymentTerms(body) : account.paymentTermsDays();
    String contract =
        body.has("contract_id") ? body.text("contract_id", false) : account.contractId();
    errors.throwIfAny("the account change is not valid");
    Account updated =
        new Account(
            account.id(),
            name,
            account.currency(),
            account.billingAnchor(),
            tax,
            terms,
            contract,
            account.createdAt());
    accounts.update(updated);
    ok(ctx, AdminViews.toApi(updated));
  }

  public void getDirectory(Context ctx) {
    Account account = account(ctx.pathParam("accountId"));
    ok(ctx, AdminViews.toApi(accounts.directory(account.id())));
  }

  public void createTeam(Context ctx) {
    Account account = account(ctx.pathParam("accountId"));
    Named named = named(ctx, "team", body -> {});
    Team team = new Team(new TeamId(named.id()), account.id(), named.name());
    accounts.createTeam(team);
    created(ctx, AdminViews.toApi(team));
  }

  public void createProject(Context ctx) {
    Team team =
        accounts
            .findTeam(new TeamId(ctx.pathParam("teamId")))
            .orElseThrow(() -> new NotFound("team", ctx.pathParam("teamId")));
    Named named = named(ctx, "project", body -> {});
    Project project = new Project(new ProjectId(named.id()), team.id(), named.name());
    accounts.createProject(project);
    created(ctx, AdminViews.toApi(project));
  }

  public void createResource(Context ctx) {
    Project project =
        accounts
            .findProject(new ProjectId(ctx.pathParam("projectId")))
            .orElseThrow(() -> new NotFound("project", ctx.pathParam("projectId")));
    AtomicReference<ResourceType> type = new AtomicReference<>();
    Named named =
        named(
            ctx,
            "resource",
            body ->
                type.set(
                    body.choice("type", true, ResourceType::fromWire, ResourceType.wireNames())));
    Resource resource =
        new Resource(new ResourceId(named.id()), project.id(), type.get(), named.name());
    accounts.createResource(resource);
    created(ctx, AdminViews.toApi(resource));
  }

  public void createCluster(Context ctx) {
    Account account = account(ctx.pathParam("accountId"));
    Named named = named(ctx, "cluster", body -> {});
    Cluster cluster = new Cluster(new ClusterId(named.id()), account.id(), named.name());
    accounts.createCluster(cluster);
    created(ctx, AdminViews.toApi(cluster));
  }

  // meters, plans, subscriptions

  public void createMeter(Context ctx) {
    FieldErrors errors = new FieldErrors();
    JsonInput body = JsonInput.body(WireJson.parse(ctx.bodyAsBytes()), errors);
    String id = body.id("id", true);
    String name = name(body);
    String eventType = body.text("event_type", true);
    Map<String, String> filters = body.stringMap("filters");
    Aggregation aggregation =
        body.choice(
            "aggregation",
            true,
            text -> lookup(Aggregation.values(), text),
            Arrays.stream(Aggregation.values())
                .map(a -> a.name().toLowerCase(Locale.ROOT))
                .toList());
    String valueProperty = body.text("value_property", false);
    if (aggregation != null && aggregation.needsValueProperty() && valueProperty == null) {
      errors.add(
          "value_property",
          "is required for aggregation " + aggregation.name().toLowerCase(Locale.ROOT));
    }
    if (aggregation == Aggregation.COUNT && valueProperty != null) {
      errors.add("value_property", "must not be given for aggregation count");
    }
    List<String> dimensions = body.stringList("dimensions");
    if (new HashSet<>(dimensions).size() != dimensions.size()) {
      errors.add("dimensions", "must not repeat a property");
    }
    InvoiceCategory category =
        body.has("category")
            ? body.choice(
                "category",
                false,
                InvoiceCategory::fromWire,
                Arrays.stream(InvoiceCategory.values()).map(InvoiceCategory::wireName).toList())
            : InvoiceCategory.USAGE;
    if (category != null && category != InvoiceCategory.USAGE && !dimensions.isEmpty()) {
      errors.add(
          "dimensions",
          "only usage meters have dimensions; PaaS meters group by resource_id, BYOC meters by"
              + " cluster_id");
    }
    String unit = body.text("unit", false);
    errors.throwIfAny("the meter is not valid");
    Meter meter =
        new Meter(
            new MeterId(id),
            name,
            eventType,
            filters,
            aggregation,
            aggregation == Aggregation.COUNT ? null : valueProperty,
            dimensions,
            category,
            unit);
    catalog.createMeter(meter);
    created(ctx, AdminViews.toApi(meter));
  }

  public void listMeters(Context ctx) {
    ok(ctx, Map.of("data", catalog.meters().stream().map(AdminViews::toApi).toList()));
  }

  public void getMeter(Context ctx) {
    String id = ctx.pathParam("meterId");
    ok(
        ctx,
        AdminViews.toApi(
            catalog.findMeter(new MeterId(id)).orElseThrow(() -> new NotFound("meter", id))));
  }

  public void createPlan(Context ctx) {
    FieldErrors errors = new FieldErrors();
    JsonInput body = JsonInput.body(WireJson.parse(ctx.bodyAsBytes()), errors);
    String id = body.id("id", true);
    String name = name(body);
    String currency = body.text("currency", true);
    if (currency != null && Currencies.canonical(currency).isEmpty()) {
      errors.add("currency", "must be an ISO 4217 currency code such as USD");
    }
    BigDecimal fee = wholeMinorUnits(body, "recurring_fee", false);
    BigDecimal minimum = wholeMinorUnits(body, "minimum_spend", false);
    List<MeterPrice> prices = new ArrayList<>();
    Set<String> priced = new HashSet<>();
    for (JsonInput price : body.objects("prices", false)) {
      String meterId = price.text("meter_id", true);
      if (meterId != null) {
        if (catalog.findMeter(new MeterId(meterId)).isEmpty()) {
          errors.add(price.field("meter_id"), "no meter " + meterId);
        } else if (!priced.add(meterId)) {
          errors.add(price.field("meter_id"), "is priced twice");
        }
      }
      PriceModel model = priceModel(price);
      if (meterId != null && model != null) {
        prices.add(new MeterPrice(new MeterId(meterId), model));
      }
    }
    errors.throwIfAny("the plan is not valid");
    Plan plan =
        new Plan(
            new PlanId(id),
            name,
            Currencies.canonical(currency).orElseThrow(),
            fee == null ? Money.ZERO : new Money(fee),
            prices,
            minimum == null ? Money.ZERO : new Money(minimum));
    catalog.createPlan(plan);
    created(ctx, AdminViews.toApi(plan));
  }

  private static PriceModel priceModel(JsonInput price) {
    FieldErrors errors = price.errors();
    String model = price.text("model", true);
    if (model == null) {
      return null;
    }
    switch (model) {
      case "per_unit" -> {
        BigDecimal unitPrice = unitPrice(price, "unit_price");
        return unitPrice == null ? null : new PerUnit(unitPrice);
      }
      case "graduated", "volume" -> {
        List<Tier> tiers = new ArrayList<>();
        List<JsonInput> rows = price.objects("tiers", true);
        for (int i = 0; i < rows.size(); i++) {
          JsonInput row = rows.get(i);
          BigDecimal upTo = row.decimal("up_to", false);
          boolean last = i == rows.size() - 1;
          if (upTo == null && !last) {
            errors.add(row.field("up_to"), "is required on every tier but the last");
          }
          if (upTo != null && last) {
            errors.add(row.field("up_to"), "must be absent on the last tier, which is open-ended");
          }
          if (upTo != null && upTo.signum() <= 0) {
            errors.add(row.field("up_to"), "must be positive");
          }
          if (upTo != null
              && !tiers.isEmpty()
              && tiers.getLast().upTo() != null
              && upTo.compareTo(tiers.getLast().upTo()) <= 0) {
            errors.add(row.field("up_to"), "must be greater than the previous tier's");
          }
          BigDecimal unitPrice = unitPrice(row, "unit_price");
          if (unitPrice != null) {
            tiers.add(new Tier(last ? null : upTo, unitPrice));
          }
        }
        if (rows.isEmpty() && price.has("tiers")) {
          errors.add(price.field("tiers"), "must have at least one tier");
        }
        if (tiers.size() != rows.size() || tiers.isEmpty() || !errors.isEmpty()) {
          return null;
        }
        return model.equals("graduated") ? new GraduatedTiers(tiers) : new VolumeTiers(tiers);
      }
      default -> {
        errors.add(price.field("model"), "must be one of per_unit, graduated, volume");
        return null;
      }
    }
  }

  private static BigDecimal unitPrice(JsonInput input, String name) {
    BigDecimal value = input.decimal(name, true);
    if (value == null) {
      return null;
    }
    if (value.signum() < 0) {
      input.errors().add(input.field(name), "must not be negative");
      return null;
    }
    if (value.stripTrailingZeros().scale() > 12) {
      input.errors().add(input.field(name), "must have at most 12 decimal places");
      return null;
    }
    return value;
  }

  public void listPlans(Context ctx) {
    ok(ctx, Map.of("data", catalog.plans().stream().map(AdminViews::toApi).toList()));
  }

  public void getPlan(Context ctx) {
    String id = ctx.pathParam("planId");
    ok(
        ctx,
        AdminViews.toApi(
            catalog.findPlan(new PlanId(id)).orElseThrow(() -> new NotFound("plan", id))));
  }

  public void createSubscription(Context ctx) {
    Account account = account(ctx.pathParam("accountId"));
    FieldErrors errors = new FieldErrors();
    JsonInput body = JsonInput.body(WireJson.parse(ctx.bodyAsBytes()), errors);
    String id = body.id("id", false);
    String planId = body.text("plan_id", true);
    Optional<Plan> plan = planId == null ? Optional.empty() : catalog.findPlan(new PlanId(planId));
    if (planId != null && plan.isEmpty()) {
      errors.add("plan_id", "no plan " + planId);
    }
    if (plan.isPresent() && !plan.get().currency().equals(account.currency())) {
      errors.add(
          "plan_id",
          "the plan is priced in "
              + plan.get().currency()
              + " but the account bills in "
              + account.currency());
    }
    Instant startsAt = body.instant("starts_at", false);
    Instant endsAt = body.instant("ends_at", false);
    Instant start = startsAt == null ? account.billingAnchor() : startsAt;
    if (endsAt != null && !start.isBefore(endsAt)) {
      errors.add("ends_at", "must be after starts_at");
    }
    errors.throwIfAny("the subscription is not valid");
    Subscription subscription =
        new Subscription(orNew(id, "sub"), account.id(), plan.orElseThrow().id(), start, endsAt);
    catalog.createSubscription(subscription);
    created(ctx, AdminViews.toApi(subscription));
  }

  public void listSubscriptions(Context ctx) {
    Account account = account(ctx.pathParam("accountId"));
    ok(
        ctx,
        Map.of(
            "data", catalog.subscriptions(account.id()).stream().map(AdminViews::toApi).toList()));
  }

  // discounts and credit grants

  /**
   * {@code POST /accounts/{id}/discounts {id?, name?, percent | amount, meter_id?, starts_at,
   * ends_at?}}.
   */
  public void createDiscount(Context ctx) {
    Account account = account(ctx.pathParam("accountId"));
    FieldErrors errors = new FieldErrors();
    JsonInput body = JsonInput.body(WireJson.parse(ctx.bodyAsBytes()), errors);
    String id = body.id("id", false);
    String name = body.has("name") ? name(body) : null;
    BigDecimal percent = body.decimal("percent", false);
    if (percent != null
        && (percent.signum() <= 0 || percent.compareTo(BigDecimal.valueOf(100)) > 0)) {
      errors.add("percent", "must be more than 0 and at most 100");
    }
    BigDecimal amount = wholeMinorUnits(body, "amount", false);
    if (amount != null && amount.signum() == 0) {
      errors.add("amount", "must be positive");
    }
    if (body.has("percent") == body.has("amount")) {
      errors.add("percent", "give either percent or amount");
    }
    String meterId = body.text("meter_id", false);
    if (meterId != null && catalog.findMeter(new MeterId(meterId)).isEmpty()) {
      errors.add("meter_id", "no meter " + meterId);
    }
    Instant startsAt = body.instant("starts_at", true);
    Instant endsAt = body.instant("ends_at", false);
    if (startsAt != null && endsAt != null && !startsAt.isBefore(endsAt)) {
      errors.add("ends_at", "must be after starts_at");
    }
    errors.throwIfAny("the discount is not valid");
    Discount discount =
        new Discount(
            orNew(id, "disc"),
            account.id(),
            name == null ? defaultDiscountName(percent, meterId) : name,
            percent,
            amount == null ? null : new Money(amount),
            meterId == null ? null : new MeterId(meterId),
            startsAt,
            endsAt);
    adjustments.createDiscount(discount);
    created(ctx, AdminViews.toApi(discount));
  }

  private static String defaultDiscountName(BigDecimal percent, String meterId) {
    String what =
        percent == null ? "Discount" : percent.stripTrailingZeros().toPlainString() + "% off";
    return meterId == null ? what : what + " " + meterId;
  }

  public void listDiscounts(Context ctx) {
    Account account = account(ctx.pathParam("accountId"));
    ok(
        ctx,
        Map.of(
            "data", adjustments.discounts(account.id()).stream().map(AdminViews::toApi).toList()));
  }

  /**
   * {@code POST /accounts/{id}/credit-grants {id?, name, amount, effective_at, expires_at,
   * priority?}}.
   */
  public void createCreditGrant(Context ctx) {
    Account account = account(ctx.pathParam("accountId"));
    FieldErrors errors = new FieldErrors();
    JsonInput body = JsonInput.body(WireJson.parse(ctx.bodyAsBytes()), errors);
    String id = body.id("id", false);
    String name = name(body);
    BigDecimal amount = wholeMinorUnits(body, "amount", true);
    Instant effectiveAt = body.instant("effective_at", true);
    Instant expiresAt = body.instant("expires_at", true);
    if (effectiveAt != null && expiresAt != null && !effectiveAt.isBefore(expiresAt)) {
      errors.add("expires_at", "must be after effective_at");
    }
    Integer priority = body.integer("priority", false);
    if (priority != null && (priority < 0 || priority > 1_000_000)) {
      errors.add("priority", "must be between 0 and 1000000");
    }
    errors.throwIfAny("the credit grant is not valid");
    CreditGrant grant =
        new CreditGrant(
            orNew(id, "grant"),
            account.id(),
            name,
            new Money(amount),
            effectiveAt,
            expiresAt,
            priority == null ? 0 : priority);
    adjustments.createCreditGrant(grant);
    created(ctx, AdminViews.toApi(grant, grant.amount()));
  }

  /**
   * The grants in the order they are used, each with {@code remaining} after finalized invoices.
   */
  public void listCreditGrants(Context ctx) {
    Account account = account(ctx.pathParam("accountId"));
    Map<String, Money> consumed = adjustments.consumed(account.id(), null);
    ok(
        ctx,
        Map.of(
            "data",
            adjustments.creditGrants(account.id()).stream()
                .map(
                    grant ->
                        AdminViews.toApi(
                            grant,
                            grant.amount().minus(consumed.getOrDefault(grant.id(), Money.ZERO))))
                .toList()));
  }

  // tokens

  public void createToken(Context ctx) {
    FieldErrors errors = new FieldErrors();
    JsonInput body = JsonInput.body(WireJson.parse(ctx.bodyAsBytes()), errors);
    TokenKind kind =
        body.choice(
            "kind",
            true,
            text -> lookup(TokenKind.values(), text),
            List.of("operator", "account", "team"));
    String name = body.has("name") ? name(body) : null;
    String accountId = body.text("account_id", false);
    String teamId = body.text("team_id", false);
    Set<Permission> permissions = EnumSet.noneOf(Permission.class);
    if (body.has("permissions")) {
      List<String> names = body.stringList("permissions");
      for (int i = 0; i < names.size(); i++) {
        Optional<Permission> permission = Permission.fromName(names.get(i));
        if (permission.isEmpty()) {
          errors.add("permissions[" + i + "]", "must be BILLING_READ");
        } else {
          permissions.add(permission.get());
        }
      }
    } else {
      permissions.add(Permission.BILLING_READ);
    }
    AccountId account = null;
    TeamId team = null;
    if (kind == TokenKind.OPERATOR && (accountId != null || teamId != null)) {
      errors.add("kind", "operator tokens belong to no account or team");
    }
    if (kind == TokenKind.ACCOUNT) {
      if (accountId == null) {
        errors.add("account_id", "is required for an account token");
      } else if (accounts.find(new AccountId(accountId)).isEmpty()) {
        errors.add("account_id", "no account " + accountId);
      } else {
        account = new AccountId(accountId);
      }
      if (teamId != null) {
        errors.add("team_id", "must not be given for an account token");
      }
    }
    if (kind == TokenKind.TEAM) {
      if (teamId == null) {
        errors.add("team_id", "is required for a team token");
      } else {
        Optional<Team> found = accounts.findTeam(new TeamId(teamId));
        if (found.isEmpty()) {
          errors.add("team_id", "no team " + teamId);
        } else {
          team = found.get().id();
          account = found.get().accountId();
          if (accountId != null && !accountId.equals(account.value())) {
            errors.add("account_id", "the team belongs to account " + account.value());
          }
        }
      }
    }
    errors.throwIfAny("the token is not valid");
    TokenIssuer.Issued issued =
        issuer.issue(
            name == null ? kind.name().toLowerCase(Locale.ROOT) + " token" : name,
            kind,
            account,
            team,
            kind == TokenKind.OPERATOR ? Set.of() : permissions);
    Map<String, Object> view = AdminViews.toApi(issued.token());
    view.put("token", issued.text());
    created(ctx, view);
  }

  public void listTokens(Context ctx) {
    ok(ctx, Map.of("data", tokens.list().stream().map(AdminViews::toApi).toList()));
  }

  public void revokeToken(Context ctx) {
    String id = ctx.pathParam("tokenId");
    if (!tokens.revoke(id, clock.instant())) {
      throw new NotFound("token", id);
    }
    ctx.status(204);
  }

  // billing

  public void runBilling(Context ctx) {
    BillingRun.Result result = billingRun.run();
    ok(
        ctx,
        Map.of(
            "finalized",
            result.finalized(),
            "failed",
            result.failed().stream().map(InvoiceId::value).toList()));
  }

  public void listInvoices(Context ctx) {
    Account account = account(ctx.pathParam("accountId"));
    ok(ctx, Map.of("data", invoices.list(account.id()).stream().map(AdminViews::toApi).toList()));
  }

  public void getInvoice(Context ctx) {
    ok(ctx, AdminViews.toApi(invoices.get(new InvoiceId(ctx.pathParam("invoiceId")))));
  }

  /** {@code POST /invoices/{id}/void {reason}}: a finalized, unpaid invoice becomes VOID. */
  public void voidInvoice(Context ctx) {
    FieldErrors errors = new FieldErrors();
    JsonInput body = JsonInput.body(WireJson.parse(ctx.bodyAsBytes()), errors);
    String reason = body.text("reason", true);
    if (reason != null && reason.length() > 1000) {
      errors.add("reason", "must be at most 1000 characters");
    }
    errors.throwIfAny("the void request is not valid");
    InvoiceId id = new InvoiceId(ctx.pathParam("invoiceId"));
    lifecycle.voidInvoice(id, reason);
    ok(ctx, AdminViews.toApi(invoices.get(id)));
  }

  /** {@code POST /invoices/{id}/regenerate}: a new invoice for the period of a void one. */
  public void regenerateInvoice(Context ctx) {
    InvoiceHeader created = lifecycle.regenerate(new InvoiceId(ctx.pathParam("invoiceId")));
    created(ctx, AdminViews.toApi(invoices.get(created.id())));
  }

  /** {@code PUT /invoices/{id}/payment {provider, status, external_id?}}. */
  public void recordPayment(Context ctx) {
    FieldErrors errors = new FieldErrors();
    JsonInput body = JsonInput.body(WireJson.parse(ctx.bodyAsBytes()), errors);
    PaymentReport report = PaymentReport.read(body);
    errors.throwIfAny("the payment report is not valid");
    InvoiceId id = new InvoiceId(ctx.pathParam("invoiceId"));
    lifecycle.recordPayment(id, report.provider(), report.status(), report.externalId());
    ok(ctx, AdminViews.toApi(invoices.get(id)));
  }

  // shared reading

  private Account account(String id) {
    return accounts.find(new AccountId(id)).orElseThrow(() -> new NotFound("account", id));
  }

  /** The id (Tally makes one when it is absent) and name of a new child object. */
  private record Named(String id, String name) {}

  /**
   * Reads {@code {id?, name}} and whatever {@code more} reads of a new {@code what}, naming every
   * bad field at once.
   */
  private static Named named(Context ctx, String what, Consumer<JsonInput> more) {
    FieldErrors errors = new FieldErrors();
    JsonInput body = JsonInput.body(WireJson.parse(ctx.bodyAsBytes()), errors);
    String id = body.id("id", false);
    String name = name(body);
    more.accept(body);
    errors.throwIfAny("the " + what + " is not valid");
    return new Named(orNew(id, what), name);
  }

  private static String name(JsonInput body) {
    String name = body.text("name", true);
    if (name != null && name.length() > MAX_NAME) {
      body.errors().add("name", "must be at most " + MAX_NAME + " characters");
    }
    return name;
  }

  private static BigDecimal taxPercent(JsonInput body) {
    BigDecimal tax = body.decimal("tax_percent", false);
    if (tax != null && (tax.signum() < 0 || tax.compareTo(BigDecimal.valueOf(100)) > 0)) {
      body.errors().add("tax_percent", "must be between 0 and 100");
      return null;
    }
    return tax;
  }

  /** A whole, non-negative number of minor units, or null (with an error when it is not). */
  private static BigDecimal wholeMinorUnits(JsonInput body, String name, boolean required) {
    BigDecimal value = body.decimal(name, required);
    if (value != null && (value.signum() < 0 || value.stripTrailingZeros().scale() > 0)) {
      body.errors().add(name, "must be a whole, non-negative number of minor units (cents)");
      return null;
    }
    return value;
  }

  private static Integer paymentTerms(JsonInput body) {
    Integer terms = body.integer("payment_terms_days", false);
    if (terms != null && (terms < 0 || terms > 365)) {
      body.errors().add("payment_terms_days", "must be between 0 and 365");
      return null;
    }
    return terms;
  }

  private static String orNew(String id, String prefix) {
    return id != null
        ? id
        : prefix + "_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
  }

  private static <E extends Enum<E>> Optional<E> lookup(E[] values, String text) {
    return Arrays.stream(values).filter(value -> value.name().equalsIgnoreCase(text)).findFirst();
  }

  private static void ok(Context ctx, Object body) {
    ctx.json(body);
  }

  private static void created(Context ctx, Object body) {
    ctx.status(201).json(body);
  }
}
