package dev.tally.client;

import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tally.client.Transport.Retry;
import dev.tally.client.admin.Account;
import dev.tally.client.admin.AccountChanges;
import dev.tally.client.admin.AccountTree;
import dev.tally.client.admin.AdminInvoice;
import dev.tally.client.admin.BillingRun;
import dev.tally.client.admin.Cluster;
import dev.tally.client.admin.Meter;
import dev.tally.client.admin.NewAccount;
import dev.tally.client.admin.NewToken;
import dev.tally.client.admin.Plan;
import dev.tally.client.admin.Project;
import dev.tally.client.admin.Resource;
import dev.tally.client.admin.Subscription;
import dev.tally.client.admin.Team;
import dev.tally.client.admin.Token;
import java.util.List;
import java.util.Map;

/**
 * Tally's admin API ({@code /admin/v1}, operator token), grouped by resource. Reads are retried on
 * transient failures; writes are sent once.
 */
public final class Admin {
  private static final ObjectMapper JSON = Json.SNAKE;
  private static final String PREFIX = "/admin/v1";

  private final Transport transport;

  Admin(Transport transport) {
    this.transport = transport;
  }

  /** Accounts and their teams, projects, resources, clusters and subscriptions. */
  public Accounts accounts() {
    return new Accounts();
  }

  /** Meters (billable metrics). */
  public Meters meters() {
    return new Meters();
  }

  /** Plans. */
  public Plans plans() {
    return new Plans();
  }

  /** API tokens. */
  public Tokens tokens() {
    return new Tokens();
  }

  /** Invoices and billing runs. */
  public Invoices invoices() {
    return new Invoices();
  }

  /** Accounts and everything that hangs off one. */
  public final class Accounts {
    private Accounts() {}

    /** Creates an account; {@link ConflictException} when its id is taken. */
    public Account create(NewAccount account) {
      return post("/accounts", account, Account.class);
    }

    /** Every account. */
    public List<Account> list() {
      return readList("/accounts", Account.class);
    }

    /** The account {@code accountId}; {@link NotFoundException} when there is none. */
    public Account get(String accountId) {
      return read("/accounts/" + Query.encode(accountId), Account.class);
    }

    /** Changes name, tax, terms or contract of {@code accountId}. */
    public Account update(String accountId, AccountChanges changes) {
      return send("PATCH", "/accounts/" + Query.encode(accountId), changes, Account.class);
    }

    /** The account's teams, projects, resources and clusters. */
    public AccountTree tree(String accountId) {
      return read("/accounts/" + Query.encode(accountId) + "/tree", AccountTree.class);
    }

    /** Creates a team of the account ({@code id} null: Tally makes one). */
    public Team createTeam(String accountId, String id, String name) {
      return post(
          "/accounts/" + Query.encode(accountId) + "/teams", named(id, name, null), Team.class);
    }

    /** Creates a project of team {@code teamId}. */
    public Project createProject(String teamId, String id, String name) {
      return post(
          "/teams/" + Query.encode(teamId) + "/projects", named(id, name, null), Project.class);
    }

    /**
     * Creates a resource of {@code type} (service, job, addon, ...) in project {@code projectId}.
     */
    public Resource createResource(String projectId, String id, String name, String type) {
      return post(
          "/projects/" + Query.encode(projectId) + "/resources",
          named(id, name, type),
          Resource.class);
    }

    /** Creates a BYOC cluster of the account. */
    public Cluster createCluster(String accountId, String id, String name) {
      return post(
          "/accounts/" + Query.encode(accountId) + "/clusters",
          named(id, name, null),
          Cluster.class);
    }

    /** Subscribes the account to a plan; the plan's currency must be the account's. */
    public Subscription subscribe(String accountId, Subscription subscription) {
      return post(
          "/accounts/" + Query.encode(accountId) + "/subscriptions",
          subscription,
          Subscription.class);
    }

    /** The account's subscriptions. */
    public List<Subscription> subscriptions(String accountId) {
      return readList(
          "/accounts/" + Query.encode(accountId) + "/subscriptions", Subscription.class);
    }

    /** The account's invoices, newest period first, drafts computed live. */
    public List<AdminInvoice> invoices(String accountId) {
      return readList("/accounts/" + Query.encode(accountId) + "/invoices", AdminInvoice.class);
    }
  }

  /** Meters. */
  public final class Meters {
    private Meters() {}

    /** Creates a meter. */
    public Meter create(Meter meter) {
      return post("/meters", meter, Meter.class);
    }

    /** Every meter. */
    public List<Meter> list() {
      return readList("/meters", Meter.class);
    }

    /** The meter {@code meterId}. */
    public Meter get(String meterId) {
      return read("/meters/" + Query.encode(meterId), Meter.class);
    }
  }

  /** Plans. */
  public final class Plans {
    private Plans() {}

    /** Creates a plan. */
    public Plan create(Plan plan) {
      return post("/plans", plan, Plan.class);
    }

    /** Every plan. */
    public List<Plan> list() {
      return readList("/plans", Plan.class);
    }

    /** The plan {@code planId}. */
    public Plan get(String planId) {
      return read("/plans/" + Query.encode(planId), Plan.class);
    }
  }

  /** API tokens. */
  public final class Tokens {
    private Tokens() {}

    /** Issues a token; the answer's {@link Token#token()} is the secret, shown this once. */
    public Token create(NewToken token) {
      return post("/tokens", token, Token.class);
    }

    /** Every token, without secrets. */
    public List<Token> list() {
      return readList("/tokens", Token.class);
    }

    /** Revokes the token {@code tokenId}; it is refused from then on. */
    public void revoke(String tokenId) {
      send("DELETE", "/tokens/" + Query.encode(tokenId), null, null);
    }
  }

  /** Invoices and billing runs. */
  public final class Invoices {
    private Invoices() {}

    /** The invoice {@code invoiceId}. */
    public AdminInvoice get(String invoiceId) {
      return read("/invoices/" + Query.encode(invoiceId), AdminInvoice.class);
    }

    /**
     * Voids a FINALIZED, unpaid invoice, giving {@code reason}; {@link ConflictException} for any
     * other. Sent once.
     */
    public AdminInvoice voidInvoice(String invoiceId, String reason) {
      return post(
          "/invoices/" + Query.encode(invoiceId) + "/void",
          Map.of("reason", reason),
          AdminInvoice.class);
    }

    /**
     * Makes a new invoice for the period of a VOID one ({@code replacesInvoiceId} names it):
     * FINALIZED when the period and grace period are over, else DRAFT. Sent once.
     */
    public AdminInvoice regenerate(String invoiceId) {
      return post(
          "/invoices/" + Query.encode(invoiceId) + "/regenerate", Map.of(), AdminInvoice.class);
    }

    /**
     * Records a payment provider's status of a FINALIZED invoice ({@code externalId} may be null);
     * status PAID makes it paid.
     */
    public AdminInvoice recordPayment(
        String invoiceId, String provider, String status, String externalId) {
      Map<String, String> body = new java.util.LinkedHashMap<>();
      body.put("provider", provider);
      body.put("status", status);
      if (externalId != null) {
        body.put("external_id", externalId);
      }
      return send(
          "PUT", "/invoices/" + Query.encode(invoiceId) + "/payment", body, AdminInvoice.class);
    }

    /** Finalizes every draft whose period has ended. Not retried: a lost answer is not redone. */
    public BillingRun runBilling() {
      return post("/billing-runs", Map.of(), BillingRun.class);
    }
  }

  private static Map<String, String> named(String id, String name, String type) {
    Map<String, String> body = new java.util.LinkedHashMap<>();
    if (id != null) {
      body.put("id", id);
    }
    body.put("name", name);
    if (type != null) {
      body.put("type", type);
    }
    return body;
  }

  private <T> T read(String path, Class<T> type) {
    return transport.call(
        "GET", PREFIX + path, Query.of(), null, JSON, JSON.constructType(type), Retry.SAFE);
  }

  private <T> List<T> readList(String path, Class<T> type) {
    JavaType listType = JSON.getTypeFactory().constructCollectionType(List.class, type);
    JavaType wrapped = JSON.getTypeFactory().constructParametricType(Listing.class, listType);
    Listing<List<T>> answer =
        transport.call("GET", PREFIX + path, Query.of(), null, JSON, wrapped, Retry.SAFE);
    return answer.data();
  }

  private <T> T post(String path, Object body, Class<T> type) {
    return send("POST", path, body, type);
  }

  private <T> T send(String method, String path, Object body, Class<T> type) {
    return transport.call(
        method,
        PREFIX + path,
        Query.of(),
        body,
        JSON,
        type == null ? null : JSON.constructType(type),
        Retry.NEVER);
  }

  record Listing<T>(T data) {}
}
