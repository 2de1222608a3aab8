package dev.tally.domain.invoice;

import dev.tally.domain.account.ResourceType;
import java.util.List;

/**
 * The usage charges of an invoice as a tree: PaaS by team → project → resource type → resource,
 * BYOC by cluster. Each node's price is the sum of its children's.
 */
public record Breakdown(
    PaasPrice paas, List<TeamUsage> teams, ByocPrice byoc, List<ClusterUsage> clusters) {
  public Breakdown {
    teams = List.copyOf(teams);
    clusters = List.copyOf(clusters);
  }

  /** A team's PaaS charges. */
  public record TeamUsage(String id, String name, PaasPrice price, List<ProjectUsage> projects) {
    public TeamUsage {
      projects = List.copyOf(projects);
    }
  }

  /** A project's PaaS charges. */
  public record ProjectUsage(
      String id, String name, PaasPrice price, List<ResourceTypeUsage> resourceTypes) {
    public ProjectUsage {
      resourceTypes = List.copyOf(resourceTypes);
    }
  }

  /** The PaaS charges of one resource type within a project. */
  public record ResourceTypeUsage(
      ResourceType resourceType, PaasPrice price, List<ResourceUsage> resources) {
    public ResourceTypeUsage {
      resources = List.copyOf(resources);
    }
  }

  /** One resource's PaaS charges. */
  public record ResourceUsage(String id, String name, PaasPrice price) {}

  /** One BYOC cluster's charges. */
  public record ClusterUsage(String id, String name, ByocPrice price) {}
}
