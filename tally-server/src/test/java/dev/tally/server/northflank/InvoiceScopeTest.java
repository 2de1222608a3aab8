package dev.tally.server.northflank;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tally.domain.account.ResourceType;
import dev.tally.domain.invoice.Breakdown;
import dev.tally.domain.invoice.Breakdown.ProjectUsage;
import dev.tally.domain.invoice.Breakdown.ResourceTypeUsage;
import dev.tally.domain.invoice.Breakdown.ResourceUsage;
import dev.tally.domain.invoice.Breakdown.TeamUsage;
import dev.tally.domain.invoice.ByocPrice;
import dev.tally.domain.invoice.InvoiceContent;
import dev.tally.domain.invoice.InvoiceLine;
import dev.tally.domain.invoice.LineKind;
import dev.tally.domain.invoice.PaasPrice;
import dev.tally.domain.money.Money;
import dev.tally.domain.time.BillingPeriod;
import dev.tally.domain.usage.InvoiceCategory;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class InvoiceScopeTest {
  private static final BillingPeriod MARCH =
      new BillingPeriod(
          Instant.parse("2026-03-01T00:00:00Z"), Instant.parse("2026-04-01T00:00:00Z"));

  // platform/web: api (service) cpu 101, db (addon) memory 50; platform/ml: llm gpu 7;
  // data/etl: infra (opentofu-job) cpu 33. BYOC 40; fee 2000; requests 5.
  private static final ResourceUsage API = resource("api", 101, 0, 0);
  private static final ResourceUsage DB = new ResourceUsage("db", "Postgres", paas(0, 50, 0));
  private static final ResourceUsage LLM = new ResourceUsage("llm", "Llama", gpu(7));
  private static final ResourceUsage INFRA = resource("infra", 33, 0, 0);
  private static final TeamUsage PLATFORM =
      new TeamUsage(
          "platform",
          "Platform",
          paas(101, 50, 0).plus(gpu(7)),
          List.of(
              new ProjectUsage(
                  "web",
                  "Web",
                  paas(101, 50, 0),
                  List.of(
                      new ResourceTypeUsage(ResourceType.SERVICE, API.price(), List.of(API)),
                      new ResourceTypeUsage(ResourceType.ADDON, DB.price(), List.of(DB)))),
              new ProjectUsage(
                  "ml",
                  "ML",
                  gpu(7),
                  List.of(
                      new ResourceTypeUsage(
                          ResourceType.LLM_MODEL_DEPLOYMENT, LLM.price(), List.of(LLM))))));
  private static final TeamUsage DATA =
      new TeamUsage(
          "data",
          "Data",
          INFRA.price(),
          List.of(
              new ProjectUsage(
                  "etl",
                  "ETL",
                  INFRA.price(),
                  List.of(
                      new ResourceTypeUsage(
                          ResourceType.OPENTOFU_JOB, INFRA.price(), List.of(INFRA))))));
  private static final ByocPrice BYOC =
      new ByocPrice(Money.ofMinor(40), Money.ZERO, Money.ZERO, Money.ZERO);

  private static final InvoiceContent CONTENT = content();

  @Test
  void theWholeInvoiceKeepsItsTotalsAndShowsFeesAndPlainUsageAsLineItems() {
    ScopedInvoice whole = InvoiceScope.WHOLE.apply(CONTENT);
    assertThat(whole.teams()).containsExactly(PLATFORM, DATA);
    assertThat(whole.byoc()).isEqualTo(BYOC);
    assertThat(whole.lineItems()).extracting(InvoiceLine::title).containsExactly("Pro", "requests");
    assertThat(whole.subTotal()).isEqualTo(CONTENT.subtotal());
    assertThat(whole.tax()).isEqualTo(CONTENT.tax());
    assertThat(whole.total()).isEqualTo(CONTENT.total());
    assertThat(whole.paas().total().plus(whole.byoc().total()).plus(Money.ofMinor(2005)))
        .isEqualTo(whole.subTotal());
  }

  @Test
  void aTeamSeesOnlyItsPaasUsageTaxedAtTheInvoicePercent() {
    ScopedInvoice platform = InvoiceScope.team("platform").apply(CONTENT);
    assertThat(platform.teams()).containsExactly(PLATFORM);
    assertThat(platform.byoc()).isEqualTo(ByocPrice.ZERO);
    assertThat(platform.lineItems()).isEmpty();
    assertThat(platform.subTotal()).isEqualTo(Money.ofMinor(158));
    // 17.5 % of 158 = 27.65 -> 28
    assertThat(platform.tax()).isEqualTo(Money.ofMinor(28));
    assertThat(platform.total()).isEqualTo(Money.ofMinor(186));
  }

  @Test
  void filtersNarrowTheTreeAndEveryParentIsTheSumOfWhatRemains() {
    ScopedInvoice services = InvoiceScope.WHOLE.withType(ResourceType.SERVICE).apply(CONTENT);
    assertThat(services.teams()).hasSize(1);
    TeamUsage team = services.teams().getFirst();
    assertThat(team.price()).isEqualTo(API.price());
    assertThat(team.projects()).singleElement().extracting(ProjectUsage::id).isEqualTo("web");
    assertThat(team.projects().getFirst().price()).isEqualTo(API.price());
    assertThat(services.paas()).isEqualTo(API.price());
    assertThat(services.subTotal()).isEqualTo(Money.ofMinor(101));

    ScopedInvoice ml = InvoiceScope.WHOLE.withProject("ml").apply(CONTENT);
    assertThat(ml.paas()).isEqualTo(gpu(7));
    assertThat(ml.teams().getFirst().projects()).extracting(ProjectUsage::id).containsExactly("ml");

    ScopedInvoice db = InvoiceScope.WHOLE.withResource(ResourceType.ADDON, "db").apply(CONTENT);
    assertThat(db.paas()).isEqualTo(DB.price());
  }

  @Test
  void conditionsCombineSoContradictionsMatchNothing() {
    assertThat(InvoiceScope.team("data").withProject("web").apply(CONTENT).teams()).isEmpty();
    // a team route's team and a teamId filter for another team: nothing, never the other team
    assertThat(InvoiceScope.team("platform").withTeam("data").apply(CONTENT).teams()).isEmpty();
    assertThat(InvoiceScope.team("platform").withTeam("platform").apply(CONTENT).teams())
        .containsExactly(PLATFORM);
    ScopedInvoice serviceAsJob =
        InvoiceScope.WHOLE.withResource(ResourceType.JOB, "api").apply(CONTENT);
    assertThat(serviceAsJob.teams()).isEmpty();
    assertThat(serviceAsJob.subTotal()).isEqualTo(Money.ZERO);
    assertThat(serviceAsJob.total()).isEqualTo(Money.ZERO);
    assertThat(
            InvoiceScope.WHOLE
                .withResource(ResourceType.SERVICE, "api")
                .withType(ResourceType.SERVICE)
                .apply(CONTENT)
                .paas())
        .isEqualTo(API.price());
  }

  @Test
  void noFilterIsTheWholeInvoice() {
    assertThat(InvoiceScope.WHOLE.withTeam(null).withProject(null).withType(null).isWhole())
        .isTrue();
    assertThat(InvoiceScope.team("platform").isWhole()).isFalse();
  }

  private static InvoiceContent content() {
    PaasPrice paas = PLATFORM.price().plus(DATA.price());
    List<InvoiceLine> lines =
        List.of(
            line("Pro", LineKind.SUBSCRIPTION, null, 2000),
            line("cpu", LineKind.USAGE, InvoiceCategory.PAAS_CPU, 134),
            line("memory", LineKind.USAGE, InvoiceCategory.PAAS_MEMORY, 50),
            line("gpu", LineKind.USAGE, InvoiceCategory.PAAS_GPU, 7),
            line("byoc", LineKind.USAGE, InvoiceCategory.BYOC_VCPU, 40),
            line("requests", LineKind.USAGE, InvoiceCategory.USAGE, 5));
    Money subtotal = Money.ofMinor(2236);
    Money tax = Money.ofMinor(391);
    return new InvoiceContent(
        lines,
        new Breakdown(paas, List.of(PLATFORM, DATA), BYOC, List.of()),
        subtotal,
        new BigDecimal("17.5"),
        tax,
        subtotal.plus(tax));
  }

  private static InvoiceLine line(
      String title, LineKind kind, InvoiceCategory category, long total) {
    Money amount = Money.ofMinor(total);
    return new InvoiceLine(
        title,
        kind,
        null,
        null,
        category,
        MARCH,
        BigDecimal.ONE,
        null,
        amount,
        Money.ZERO,
        amount,
        List.of());
  }

  private static ResourceUsage resource(String id, long cpu, long memory, long storage) {
    return new ResourceUsage(id, id, paas(cpu, memory, storage));
  }

  private static PaasPrice paas(long cpu, long memory, long storage) {
    return new PaasPrice(
        Money.ofMinor(cpu), Money.ofMinor(memory), Money.ofMinor(storage), Money.ZERO);
  }

  private static PaasPrice gpu(long gpu) {
    return new PaasPrice(Money.ZERO, Money.ZERO, Money.ZERO, Money.ofMinor(gpu));
  }
}
