package dev.tally.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tally.client.admin.AdminInvoice;
import dev.tally.client.admin.NewAccount;
import dev.tally.client.billing.DetailsParams;
import dev.tally.client.billing.Invoice;
import dev.tally.client.billing.InvoiceDetails;
import dev.tally.client.billing.InvoiceFilter;
import dev.tally.client.billing.InvoiceListParams;
import dev.tally.client.billing.InvoiceSummary;
import dev.tally.client.customers.CustomerInvoice;
import dev.tally.client.customers.CustomerInvoiceListParams;
import dev.tally.client.usage.IngestResult;
import dev.tally.client.usage.UsageEvent;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The client against a real Tally over HTTP: every resource group, errors, paging. */
class TallyClientTest {
  private static TestTally server;

  @BeforeAll
  static void start() {
    server = new TestTally();
    IngestResult january =
        server
            .operator
            .usage()
            .ingest(server.compute("jan", Instant.parse("2026-02-10T00:00:00Z"), 10));
    assertThat(january).isEqualTo(new IngestResult(10, 0));
    server.operator.usage().ingest(server.compute("mar", Instant.parse("2026-03-02T00:00:00Z"), 4));
    server.operator.admin().invoices().runBilling();
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  @Test
  void ingestCountsARepeatedTransactionOnce() {
    List<UsageEvent> events = server.compute("repeat", Instant.parse("2026-03-05T00:00:00Z"), 2);
    assertThat(server.operator.usage().ingest(events)).isEqualTo(new IngestResult(2, 0));
    assertThat(server.operator.usage().ingest(events)).isEqualTo(new IngestResult(0, 2));
  }

  @Test
  void aRefusedBatchNamesEveryBadField() {
    var bad = new UsageEvent("bad-1", "acme", "compute", "yesterday", null);
    assertThatThrownBy(() -> server.operator.usage().ingest(List.of(bad)))
        .isInstanceOfSatisfying(
            ValidationException.class,
            e -> {
              assertThat(e.status()).isEqualTo(400);
              assertThat(e.requestId()).startsWith("tly-java-");
              assertThat(e.errors()).extracting(FieldError::field).containsExactly("[0].timestamp");
            });
  }

  @Test
  void customerReadsTheirInvoicesNewestFirstAPageAtATime() {
    var billing = server.client(server.accountToken).billing();
    Page<InvoiceSummary> first = billing.listInvoices(InvoiceListParams.none().perPage(2));
    assertThat(first.items()).hasSize(2);
    assertThat(first.hasNext()).isTrue();
    assertThat(first.items().get(0).period().startInstant())
        .isEqualTo(Instant.parse("2026-03-01T00:00:00Z"));

    List<InvoiceSummary> all = billing.listAllInvoices(1).toList();
    assertThat(all).extracting(InvoiceSummary::id).hasSize(3).doesNotHaveDuplicates();
    assertThat(all.get(0).currency()).isEqualTo("usd");
    // February: fee 1000 + 10 vCPU h at 2.5 = 1025, tax 20%
    assertThat(all.get(1).subTotal()).isEqualTo(1025);
    assertThat(all.get(1).total()).isEqualTo(1230);
  }

  @Test
  void pagesAreFetchedOnlyWhenTheWalkReachesThem() {
    AtomicInteger requests = new AtomicInteger();
    TallyClient counting =
        TallyClient.builder()
            .baseUrl(server.tally.baseUrl())
            .token(server.accountToken)
            .onExchange(exchange -> requests.incrementAndGet())
            .build();
    var pager = counting.billing().listAllInvoices(1);
    assertThat(requests).hasValue(0);
    assertThat(pager.iterator().next()).isNotNull();
    assertThat(requests).hasValue(1);
  }

  @Test
  void detailsPreviewTheCurrentPeriodAndTimestampSelectsAnInvoice() {
    var billing = server.client(server.accountToken).billing();
    InvoiceDetails preview = billing.details(DetailsParams.none());
    assertThat(preview.period().startInstant()).isEqualTo(Instant.parse("2026-03-01T00:00:00Z"));
    assertThat(preview.paid()).isNull();
    assertThat(preview.tax().percent()).isEqualByComparingTo("20");

    InvoiceDetails february =
        billing.details(
            DetailsParams.none().timestamp(Instant.parse("2026-02-15T00:00:00Z").getEpochSecond()));
    assertThat(february.paid()).isFalse();
    assertThat(february.paasUsage().price().cpu()).isEqualTo(25);
    assertThat(february.subTotal()).isEqualTo(1025);
  }

  @Test
  void oneInvoiceWithItsBreakdownAndFilters() {
    var billing = server.client(server.accountToken).billing();
    String id =
        billing.listInvoices(InvoiceListParams.none().page(2).perPage(1)).items().get(0).id();
    Invoice invoice = billing.invoice(id, InvoiceFilter.none());
    assertThat(invoice.currency()).isEqualTo("usd");
    assertThat(
            invoice
                .paasUsage()
                .teams()
                .get(0)
                .projects()
                .get(0)
                .resourceTypes()
                .get(0)
                .resourceType())
        .isEqualTo("service");
    assertThat(invoice.lineItems()).extracting(l -> l.title()).isNotEmpty();
    assertThat(invoice.tax().amount()).isEqualTo(205);

    Invoice jobs = billing.invoice(id, new InvoiceFilter(null, null, "job"));
    assertThat(jobs.subTotal()).isZero();
  }

  @Test
  void aTeamTokenReadsItsTeamsShareOnly() {
    var team = server.client(server.teamToken).billing();
    assertThat(team.login().teamId()).isEqualTo("platform");
    assertThat(team.team("platform").listAllInvoices(null).toList()).hasSize(3);
    assertThatThrownBy(() -> team.listInvoices(InvoiceListParams.none()))
        .isInstanceOfSatisfying(
            PermissionException.class,
            e -> {
              assertThat(e.status()).isEqualTo(403);
              assertThat(e.requestId()).isNotBlank();
            });
  }

  @Test
  void operatorListsAndRetrievesCustomerInvoicesWithMetronomesFilters() {
    var invoices = server.operator.customerInvoices();
    List<CustomerInvoice> finalized =
        invoices
            .listAll(
                "acme", CustomerInvoiceListParams.builder().status("FINALIZED").limit(1).build())
            .toList();
    assertThat(finalized).hasSize(2).allSatisfy(i -> assertThat(i.issuedAt()).isNotNull());
    assertThat(finalized.get(0).startTimestamp()).isEqualTo(Instant.parse("2026-01-01T00:00:00Z"));

    List<CustomerInvoice> newestFirst =
        invoices
            .list("acme", CustomerInvoiceListParams.builder().sort("date_desc").build(), null)
            .items();
    assertThat(newestFirst.get(0).status()).isEqualTo("DRAFT");

    CustomerInvoice february = invoices.retrieve("acme", finalized.get(1).id(), true);
    assertThat(february.lineItems().stream().mapToLong(l -> l.total()).sum())
        .isEqualTo(february.total());
    assertThat(february.creditType().name()).isEqualTo("USD (cents)");
  }

  @Test
  void adminCallsReturnTypedRecords() {
    var admin = server.operator.admin();
    assertThat(admin.accounts().get("acme").taxPercent()).isEqualByComparingTo("20");
    assertThat(admin.accounts().tree("acme").teams().get(0).projects().get(0).resources())
        .extracting(r -> r.type())
        .containsExactly("service");
    assertThat(admin.meters().list()).extracting(m -> m.id()).contains("cpu", "requests");
    assertThat(admin.plans().get("standard").prices()).hasSize(2);
    assertThat(admin.accounts().subscriptions("acme")).hasSize(1);
    assertThat(admin.tokens().list()).isNotEmpty().allSatisfy(t -> assertThat(t.token()).isNull());
    List<AdminInvoice> invoices = admin.accounts().invoices("acme");
    assertThat(invoices.get(0).status()).isEqualTo("DRAFT");
    AdminInvoice february = admin.invoices().get(invoices.get(1).id());
    assertThat(february.total()).isEqualTo(february.subtotal() + february.tax().amount());
    assertThat(february.breakdown().paas().price().cpu()).isEqualTo(25);
  }

  @Test
  void voidRegenerateAndRecordAPayment() {
    var admin = server.operator.admin();
    admin
        .accounts()
        .create(
            NewAccount.of("Void Co", "USD")
                .id("void-co")
                .billingAnchor(Instant.parse("2026-01-01T00:00:00Z")));
    admin.accounts().subscribe("void-co", dev.tally.client.admin.Subscription.to("standard"));
    admin.invoices().runBilling();
    List<AdminInvoice> invoices = admin.accounts().invoices("void-co");
    AdminInvoice january = invoices.get(invoices.size() - 1);
    assertThat(january.number()).isNotBlank();

    AdminInvoice voided = admin.invoices().voidInvoice(january.id(), "wrong plan");
    assertThat(voided.status()).isEqualTo("VOID");
    assertThat(voided.voidReason()).isEqualTo("wrong plan");
    assertThatThrownBy(() -> admin.invoices().voidInvoice(january.id(), "again"))
        .isInstanceOf(ConflictException.class);

    AdminInvoice replacement = admin.invoices().regenerate(january.id());
    assertThat(replacement.replacesInvoiceId()).isEqualTo(january.id());
    assertThat(replacement.status()).isEqualTo("FINALIZED");

    AdminInvoice paid = admin.invoices().recordPayment(replacement.id(), "stripe", "PAID", "in_1");
    assertThat(paid.paidAt()).isNotNull();
    assertThat(paid.payment().externalId()).isEqualTo("in_1");
  }

  @Test
  void errorsAreTypedByCause() {
    var admin = server.operator.admin();
    assertThatThrownBy(() -> admin.accounts().get("nobody"))
        .isInstanceOf(NotFoundException.class)
        .hasMessageContaining("nobody");
    assertThatThrownBy(() -> admin.accounts().create(NewAccount.of("Again", "USD").id("acme")))
        .isInstanceOf(ConflictException.class);
    assertThatThrownBy(() -> admin.accounts().create(NewAccount.of("", "XYZ")))
        .isInstanceOfSatisfying(
            ValidationException.class,
            e -> assertThat(e.errors()).extracting(FieldError::field).contains("currency"));
    assertThatThrownBy(() -> server.client("tly_nope").billing().login())
        .isInstanceOfSatisfying(
            AuthenticationException.class, e -> assertThat(e.status()).isEqualTo(401));
    assertThatThrownBy(() -> server.client(server.accountToken).admin().accounts().list())
        .isInstanceOf(PermissionException.class);
    TallyClient nowhere =
        TallyClient.builder()
            .baseUrl("http://127.0.0.1:1")
            .retries(1, java.time.Duration.ofMillis(1))
            .build();
    assertThatThrownBy(() -> nowhere.billing().login())
        .isInstanceOfSatisfying(
            ConnectionException.class,
            e -> {
              assertThat(e.status()).isZero();
              assertThat(e.getMessage()).contains("http://127.0.0.1:1/v1/login");
            });
  }

  @Test
  void theTokenNeverReachesTheExchangeListener() {
    List<HttpExchange> seen = new ArrayList<>();
    TallyClient logged =
        TallyClient.builder()
            .baseUrl(server.tally.baseUrl())
            .token(server.accountToken)
            .requestIds(() -> "fixed-id")
            .onExchange(seen::add)
            .build();
    logged.billing().login();
    assertThat(seen)
        .singleElement()
        .satisfies(
            e -> {
              assertThat(e.status()).isEqualTo(200);
              assertThat(e.requestHeaders()).containsEntry("X-Request-Id", List.of("fixed-id"));
              assertThat(e.toString()).doesNotContain(server.accountToken);
            });
  }
}
