package dev.tally.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tally.client.admin.Account;
import dev.tally.client.admin.AccountTree;
import dev.tally.client.admin.AdminInvoice;
import dev.tally.client.admin.Meter;
import dev.tally.client.admin.NewAccount;
import dev.tally.client.admin.NewToken;
import dev.tally.client.admin.Plan;
import dev.tally.client.admin.Subscription;
import dev.tally.client.admin.Token;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** The operator's commands over the admin API, one group per resource. */
final class AdminCommands {
  private AdminCommands() {}

  /** Shows a list of records as rows: JSON of each, and the table the caller fills. */
  static <T> View list(List<T> items, Table table, Function<T, Object[]> row) {
    List<JsonNode> rows = new ArrayList<>();
    for (T item : items) {
      rows.add(Action.snake(item));
      table.row(row.apply(item));
    }
    return new View(Action.snake(items), rows, table::render);
  }

  /** Creates a child object, with an id and a name, of the parent named by the argument. */
  abstract static class CreateChild extends Action {
    /** How a child is created: the client, the parent's id, the id and name of the new child. */
    interface Creation {
      Object create(dev.tally.client.TallyClient client, String parent, NewObject object);
    }

    private final String what;
    private final Creation creation;

    @Parameters(paramLabel = "PARENT", description = "The id of the account, team or project")
    String parent;

    @Mixin NewObject object;

    CreateChild(String what, Creation creation) {
      this.what = what;
      this.creation = creation;
    }

    @Override
    int run() {
      return show(created(creation.create(client(), parent, object), what));
    }
  }

  static View created(Object item, String what) {
    JsonNode data = Action.snake(item);
    return View.of(data, colour -> "Created " + what + " " + data.path("id").asText() + ".\n");
  }

  @Command(
      name = "accounts",
      description = "Billing accounts (operator token).",
      subcommands = {
        Accounts.Ls.class,
        Accounts.Get.class,
        Accounts.Create.class,
        Accounts.Tree.class
      })
  static final class Accounts {
    @Command(name = "ls", aliases = "list", description = "List every account.")
    static final class Ls extends Action {
      @Override
      int run() {
        return show(
            list(
                client().admin().accounts().list(),
                Table.of("ID", "NAME", "CURRENCY", "BILLING ANCHOR", "TAX %>", "TERMS>"),
                a ->
                    new Object[] {
                      a.id(),
                      a.name(),
                      a.currency(),
                      Statement.day(a.billingAnchor()),
                      GetCommand.percent(a.taxPercent()),
                      a.paymentTermsDays() + "d"
                    }));
      }
    }

    @Command(name = "get", description = "Show one account.")
    static final class Get extends Action {
      @Parameters(paramLabel = "ACCOUNT")
      String id;

      @Override
      int run() {
        Account a = client().admin().accounts().get(id);
        Table table = Table.of("ID", "NAME", "CURRENCY", "BILLING ANCHOR", "TAX %>", "CONTRACT");
        table.row(
            a.id(),
            a.name(),
            a.currency(),
            Statement.day(a.billingAnchor()),
            GetCommand.percent(a.taxPercent()),
            a.contractId());
        return show(View.of(snake(a), table::render));
      }
    }

    @Command(name = "create", description = "Create an account.")
    static final class Create extends Action {
      @Option(names = "--id", description = "Its id (default: Tally makes one)")
      String id;

      @Option(names = "--name", required = true)
      String name;

      @Option(names = "--currency", required = true, description = "ISO 4217 code such as USD")
      String currency;

      @Option(names = "--billing-anchor", paramLabel = "TIME", description = "RFC 3339")
      String anchor;

      @Option(names = "--tax-percent", paramLabel = "PERCENT")
      BigDecimal taxPercent;

      @Option(names = "--payment-terms-days", paramLabel = "DAYS")
      Integer terms;

      @Option(names = "--contract-id", paramLabel = "ID")
      String contract;

      @Override
      int run() {
        NewAccount account =
            new NewAccount(
                id,
                name,
                currency,
                CustomersCommand.instant("--billing-anchor", anchor),
                taxPercent,
                terms,
                contract);
        return show(created(client().admin().accounts().create(account), "account"));
      }
    }

    @Command(name = "tree", description = "Show an account's teams, projects and resources.")
    static final class Tree extends Action {
      @Parameters(paramLabel = "ACCOUNT")
      String id;

      @Override
      int run() {
        AccountTree tree = client().admin().accounts().tree(id);
        Table table = Table.of("TEAM", "PROJECT", "RESOURCE", "TYPE");
        for (AccountTree.TeamTree team : tree.teams()) {
          table.row(team.id(), "", "", "");
          for (AccountTree.ProjectTree project : team.projects()) {
            table.row("", project.id(), "", "");
            project.resources().forEach(r -> table.row("", "", r.id(), r.type()));
          }
        }
        tree.clusters().forEach(c -> table.row("(cluster)", "", c.id(), "byoc"));
        return show(View.of(snake(tree), table::render));
      }
    }
  }

  @Command(
      name = "teams",
      description = "Teams of an account (operator token).",
      subcommands = Teams.Create.class)
  static final class Teams {
    @Command(name = "create", description = "Create a team of an account.")
    static final class Create extends CreateChild {
      Create() {
        super(
            "team",
            (client, parent, object) ->
                client.admin().accounts().createTeam(parent, object.id, object.name));
      }
    }
  }

  @Command(
      name = "projects",
      description = "Projects of a team (operator token).",
      subcommands = Projects.Create.class)
  static final class Projects {
    @Command(name = "create", description = "Create a project of a team.")
    static final class Create extends CreateChild {
      Create() {
        super(
            "project",
            (client, parent, object) ->
                client.admin().accounts().createProject(parent, object.id, object.name));
      }
    }
  }

  @Command(
      name = "resources",
      description = "Resources of a project (operator token).",
      subcommands = Resources.Create.class)
  static final class Resources {
    @Command(name = "create", description = "Create a resource of a project.")
    static final class Create extends Action {
      @Parameters(paramLabel = "PROJECT")
      String project;

      @Mixin NewObject object;

      @Option(
          names = "--type",
          required = true,
          description =
              "service, job, addon, volume, opentofu-job, llm-model-deployment or external-addon")
      String type;

      @Override
      int run() {
        return show(
            created(
                client().admin().accounts().createResource(project, object.id, object.name, type),
                "resource"));
      }
    }
  }

  @Command(
      name = "clusters",
      description = "BYOC clusters of an account (operator token).",
      subcommands = Clusters.Create.class)
  static final class Clusters {
    @Command(name = "create", description = "Create a BYOC cluster of an account.")
    static final class Create extends CreateChild {
      Create() {
        super(
            "cluster",
            (client, parent, object) ->
                client.admin().accounts().createCluster(parent, object.id, object.name));
      }
    }
  }

  @Command(
      name = "meters",
      description = "Meters (operator token).",
      subcommands = {Meters.Ls.class, Meters.Create.class})
  static final class Meters {
    @Command(
        name = "create",
        description =
            "Create a meter from a JSON file (- for stdin) in the admin API's shape, e.g."
                + " {\"id\":\"cpu\",\"name\":\"CPU\",\"event_type\":\"usage\","
                + "\"aggregation\":\"sum\",\"value_property\":\"cpu_hours\","
                + "\"category\":\"paas.cpu\"} (docs/admin-api.md).")
    static final class Create extends Action {
      @Parameters(paramLabel = "FILE", description = "The meter as JSON, or - for stdin")
      String file;

      @Override
      int run() {
        Meter meter = readJson(file, Meter.class, "meter");
        return show(created(client().admin().meters().create(meter), "meter"));
      }
    }

    @Command(name = "ls", aliases = "list", description = "List every meter.")
    static final class Ls extends Action {
      @Override
      int run() {
        return show(
            list(
                client().admin().meters().list(),
                Table.of("ID", "NAME", "EVENT TYPE", "AGGREGATION", "PROPERTY", "CATEGORY"),
                (Meter m) ->
                    new Object[] {
                      m.id(),
                      m.name(),
                      m.eventType(),
                      m.aggregation(),
                      m.valueProperty(),
                      m.category()
                    }));
      }
    }
  }

  @Command(
      name = "plans",
      description = "Plans (operator token).",
      subcommands = {Plans.Ls.class, Plans.Create.class})
  static final class Plans {
    @Command(
        name = "create",
        description =
            "Create a plan from a JSON file (- for stdin) in the admin API's shape, e.g."
                + " {\"id\":\"pro\",\"name\":\"Pro\",\"currency\":\"USD\","
                + "\"recurring_fee\":2000,\"prices\":[{\"meter_id\":\"cpu\","
                + "\"model\":\"per_unit\",\"unit_price\":1.5}]} (docs/admin-api.md).")
    static final class Create extends Action {
      @Parameters(paramLabel = "FILE", description = "The plan as JSON, or - for stdin")
      String file;

      @Override
      int run() {
        Plan plan = readJson(file, Plan.class, "plan");
        return show(created(client().admin().plans().create(plan), "plan"));
      }
    }

    @Command(name = "ls", aliases = "list", description = "List every plan.")
    static final class Ls extends Action {
      @Override
      int run() {
        return show(
            list(
                client().admin().plans().list(),
                Table.of("ID", "NAME", "CURRENCY", "RECURRING FEE>", "PRICES>"),
                (Plan p) ->
                    new Object[] {
                      p.id(),
                      p.name(),
                      p.currency(),
                      Money.format(p.recurringFee() == null ? 0 : p.recurringFee(), p.currency()),
                      p.prices().size()
                    }));
      }
    }
  }

  @Command(
      name = "subscriptions",
      description = "Subscriptions of an account (operator token).",
      subcommands = {Subscriptions.Ls.class, Subscriptions.Create.class})
  static final class Subscriptions {
    @Command(name = "ls", aliases = "list", description = "List an account's subscriptions.")
    static final class Ls extends Action {
      @Parameters(paramLabel = "ACCOUNT")
      String account;

      @Override
      int run() {
        return show(
            list(
                client().admin().accounts().subscriptions(account),
                Table.of("ID", "PLAN", "STARTS", "ENDS"),
                (Subscription s) ->
                    new Object[] {
                      s.id(), s.planId(), Statement.day(s.startsAt()), Statement.day(s.endsAt())
                    }));
      }
    }

    @Command(name = "create", description = "Subscribe an account to a plan.")
    static final class Create extends Action {
      @Parameters(paramLabel = "ACCOUNT")
      String account;

      @Option(names = "--plan", required = true, paramLabel = "PLAN")
      String plan;

      @Option(
          names = "--starts-at",
          paramLabel = "TIME",
          description = "RFC 3339 (default: anchor)")
      String startsAt;

      @Option(names = "--ends-at", paramLabel = "TIME", description = "RFC 3339 (default: never)")
      String endsAt;

      @Override
      int run() {
        Subscription subscription =
            new Subscription(
                null,
                null,
                plan,
                CustomersCommand.instant("--starts-at", startsAt),
                CustomersCommand.instant("--ends-at", endsAt));
        return show(
            created(client().admin().accounts().subscribe(account, subscription), "subscription"));
      }
    }
  }

  @Command(
      name = "tokens",
      description = "API tokens (operator token).",
      subcommands = {Tokens.Ls.class, Tokens.Create.class, Tokens.Revoke.class})
  static final class Tokens {
    @Command(name = "ls", aliases = "list", description = "List every token (never the secrets).")
    static final class Ls extends Action {
      @Override
      int run() {
        return show(
            list(
                client().admin().tokens().list(),
                Table.of("ID", "NAME", "KIND", "ACCOUNT", "TEAM", "REVOKED"),
                (Token t) ->
                    new Object[] {
                      t.id(),
                      t.name(),
                      t.kind(),
                      t.accountId(),
                      t.teamId(),
                      Statement.day(t.revokedAt())
                    }));
      }
    }

    @Command(name = "create", description = "Issue a token; its secret is shown this once.")
    static final class Create extends Action {
      @Option(names = "--kind", required = true, description = "operator, account or team")
      String kind;

      @Option(names = "--account", paramLabel = "ACCOUNT")
      String account;

      @Option(names = "--team", paramLabel = "TEAM")
      String team;

      @Option(names = "--name")
      String name;

      @Override
      int run() {
        Token token =
            client().admin().tokens().create(new NewToken(kind, account, team, name, null));
        return show(
            View.of(
                snake(token),
                colour ->
                    "Created "
                        + token.kind()
                        + " token "
                        + token.id()
                        + ". Its secret, shown only this once:\n"
                        + token.token()
                        + "\n"));
      }
    }

    @Command(name = "revoke", description = "Revoke a token.")
    static final class Revoke extends Action {
      @Parameters(paramLabel = "TOKEN_ID")
      String id;

      @Override
      int run() {
        client().admin().tokens().revoke(id);
        note("Revoked token " + id + ".");
        return 0;
      }
    }
  }

  @Command(
      name = "invoices",
      aliases = "invoice",
      description = "Invoices through the admin API (operator token).",
      subcommands = {
        Invoices.Ls.class,
        Invoices.Get.class,
        Invoices.VoidInvoice.class,
        Invoices.Regenerate.class,
        Invoices.Payment.class
      })
  static final class Invoices {
    static View shown(AdminInvoice invoice, String what) {
      return View.of(
          Action.snake(invoice),
          colour ->
              what
                  + " invoice "
                  + invoice.id()
                  + (invoice.number() == null ? "" : " (" + invoice.number() + ")")
                  + ": "
                  + invoice.status()
                  + (invoice.paidAt() == null ? "" : ", paid")
                  + ".\n");
    }

    @Command(name = "void", description = "Void a finalized, unpaid invoice.")
    static final class VoidInvoice extends Action {
      @Parameters(paramLabel = "INVOICE")
      String id;

      @Option(names = "--reason", required = true, description = "Why (kept on the invoice)")
      String reason;

      @Override
      int run() {
        return show(shown(client().admin().invoices().voidInvoice(id, reason), "Voided"));
      }
    }

    @Command(name = "regenerate", description = "Make a new invoice for the period of a void one.")
    static final class Regenerate extends Action {
      @Parameters(paramLabel = "INVOICE", description = "The void invoice")
      String id;

      @Override
      int run() {
        AdminInvoice created = client().admin().invoices().regenerate(id);
        return show(shown(created, "Created"));
      }
    }

    @Command(name = "payment", description = "Record a payment provider's status of an invoice.")
    static final class Payment extends Action {
      @Parameters(paramLabel = "INVOICE")
      String id;

      @Option(names = "--provider", required = true, description = "Such as stripe")
      String provider;

      @Option(
          names = "--status",
          required = true,
          description = "PAID, PAYMENT_FAILED, UNCOLLECTIBLE, ... (PAID makes it paid)")
      String status;

      @Option(names = "--external-id", paramLabel = "ID", description = "The provider's id")
      String externalId;

      @Override
      int run() {
        return show(
            shown(
                client().admin().invoices().recordPayment(id, provider, status, externalId),
                "Recorded the payment of"));
      }
    }

    @Command(name = "ls", aliases = "list", description = "An account's invoices, newest first.")
    static final class Ls extends Action {
      @Parameters(paramLabel = "ACCOUNT")
      String account;

      @Override
      int run() {
        return show(
            list(
                client().admin().accounts().invoices(account),
                Table.of(
                    "ID", "NUMBER", "STATUS", "PERIOD START", "PERIOD END", "SUBTOTAL>", "TOTAL>"),
                (AdminInvoice i) ->
                    new Object[] {
                      i.id(),
                      i.number(),
                      i.status(),
                      Statement.day(i.period().start()),
                      Statement.day(i.period().end()),
                      Money.format(i.subtotal(), i.currency()),
                      Money.format(i.total(), i.currency())
                    }));
      }
    }

    @Command(name = "get", description = "Show one invoice with its lines.")
    static final class Get extends Action {
      @Parameters(paramLabel = "INVOICE")
      String id;

      @Override
      int run() {
        AdminInvoice invoice = client().admin().invoices().get(id);
        Statement statement =
            new Statement(invoice.currency())
                .fact("INVOICE", invoice.id())
                .fact("ACCOUNT", invoice.accountId())
                .fact("NUMBER", invoice.number())
                .fact("STATUS", invoice.status())
                .fact("VOID REASON", invoice.voidReason())
                .fact("REPLACES", invoice.replacesInvoiceId())
                .fact("PAID", invoice.paidAt() == null ? null : Statement.day(invoice.paidAt()))
                .fact("PERIOD", Statement.period(invoice.period().start(), invoice.period().end()));
        invoice.lines().forEach(line -> statement.item(0, line.title(), line.total()));
        statement.item(0, "Subtotal", invoice.subtotal());
        statement.item(
            0,
            "Tax (" + GetCommand.percent(invoice.tax().percent()) + "%)",
            invoice.tax().amount());
        statement.item(0, "Total", invoice.total());
        return show(View.of(snake(invoice), statement::render));
      }
    }
  }
}
