package dev.tally.domain.invoice;

import dev.tally.domain.account.AccountId;
import dev.tally.domain.account.Cluster;
import dev.tally.domain.account.ClusterId;
import dev.tally.domain.account.Directory;
import dev.tally.domain.account.Project;
import dev.tally.domain.account.ProjectId;
import dev.tally.domain.account.Resource;
import dev.tally.domain.account.ResourceId;
import dev.tally.domain.account.ResourceType;
import dev.tally.domain.account.Team;
import dev.tally.domain.account.TeamId;
import dev.tally.domain.money.Money;
import dev.tally.domain.pricing.MeterPrice;
import dev.tally.domain.pricing.Plan;
import dev.tally.domain.pricing.PlanId;
import dev.tally.domain.pricing.PriceModel;
import dev.tally.domain.time.BillingPeriod;
import dev.tally.domain.usage.InvoiceCategory;
import dev.tally.domain.usage.Meter;
import dev.tally.domain.usage.MeterId;
import dev.tally.domain.usage.Meters;
import dev.tally.domain.usage.UsageTotal;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The account the invoice tests bill: its meters, and its breakdown tree of two teams (Core with
 * the API and Web projects, Data with the ETL project), five resources and two BYOC clusters.
 */
final class Acme {
  static final AccountId ID = new AccountId("acme");

  static final Meter CPU = Meters.CPU;
  static final Meter MEMORY = Meters.MEMORY;
  static final Meter STORAGE = Meters.STORAGE;
  static final Meter GPU = Meters.GPU;
  static final Meter BYOC_VCPU = Meters.BYOC_VCPU;
  static final Meter BYOC_MEMORY = Meters.BYOC_MEMORY;
  static final Meter API_CALLS = Meters.API_CALLS;
  static final Meter BUILD_MINUTES = Meters.BUILD_MINUTES;

  static final List<Meter> PAAS_METERS = List.of(CPU, MEMORY, STORAGE, GPU);
  static final List<Meter> BYOC_METERS = List.of(BYOC_VCPU, BYOC_MEMORY);
  static final List<Meter> ALL_METERS =
      List.of(CPU, MEMORY, STORAGE, GPU, BYOC_VCPU, BYOC_MEMORY, API_CALLS, BUILD_MINUTES);

  /** The resources of the tree, and one the tree does not know. */
  static final List<String> RESOURCES =
      List.of("r-api", "r-db", "r-vol", "r-web", "r-etl", "r-gone");

  /** The clusters of the tree, and one the tree does not know. */
  static final List<String> CLUSTERS = List.of("c-eu", "c-us", "c-gone");

  static final List<String> REGIONS = List.of("eu", "us", "ap");

  private Acme() {}

  static Map<MeterId, Meter> meters() {
    Map<MeterId, Meter> meters = new LinkedHashMap<>();
    ALL_METERS.forEach(meter -> meters.put(meter.id(), meter));
    return meters;
  }

  static Directory directory() {
    TeamId core = new TeamId("team-core");
    TeamId data = new TeamId("team-data");
    ProjectId api = new ProjectId("p-api");
    ProjectId web = new ProjectId("p-web");
    ProjectId etl = new ProjectId("p-etl");
    return new Directory(
        List.of(new Team(core, ID, "Core"), new Team(data, ID, "Data")),
        List.of(
            new Project(api, core, "API"),
            new Project(web, core, "Web"),
            new Project(etl, data, "ETL")),
        List.of(
            new Resource(new ResourceId("r-api"), api, ResourceType.SERVICE, "api"),
            new Resource(new ResourceId("r-db"), api, ResourceType.ADDON, "postgres"),
            new Resource(new ResourceId("r-vol"), api, ResourceType.VOLUME, "api-data"),
            new Resource(new ResourceId("r-web"), web, ResourceType.SERVICE, "web"),
            new Resource(new ResourceId("r-etl"), etl, ResourceType.JOB, "nightly-etl")),
        List.of(
            new Cluster(new ClusterId("c-eu"), ID, "eu-central"),
            new Cluster(new ClusterId("c-us"), ID, "us-east")));
  }

  static Plan plan(String id, long feeMinor, MeterPrice... prices) {
    return new Plan(new PlanId(id), id, "USD", Money.ofMinor(feeMinor), List.of(prices));
  }

  static MeterPrice price(Meter meter, PriceModel model) {
    return new MeterPrice(meter.id(), model);
  }

  /** Usage of a PaaS meter by one resource. */
  static UsageTotal onResource(Meter meter, String resourceId, String quantity) {
    return usage(meter, InvoiceCategory.RESOURCE_PROPERTY, resourceId, new BigDecimal(quantity));
  }

  /** Usage of a BYOC meter on one cluster. */
  static UsageTotal onCluster(Meter meter, String clusterId, String quantity) {
    return usage(meter, InvoiceCategory.CLUSTER_PROPERTY, clusterId, new BigDecimal(quantity));
  }

  /** Usage of a meter grouped by one property. */
  static UsageTotal usage(Meter meter, String property, String value, BigDecimal quantity) {
    return new UsageTotal(meter.id(), Map.of(property, value), quantity);
  }

  static BillingPeriod period(String start, String end) {
    return new BillingPeriod(Instant.parse(start), Instant.parse(end));
  }
}
