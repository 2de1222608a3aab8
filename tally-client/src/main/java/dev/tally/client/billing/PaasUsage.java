package dev.tally.client.billing;

import java.util.List;

/**
 * PaaS charges of an invoice: the price and its breakdown team → project → resource type →
 * resource, each node the sum of its children. All amounts in cents.
 */
public record PaasUsage(PaasPrice price, List<Team> teams) {
  /** A team's share. */
  public record Team(String id, String name, PaasPrice price, List<Project> projects) {}

  /** A project's share. */
  public record Project(
      String id, String name, PaasPrice price, List<ResourceType> resourceTypes) {}

  /** The share of one resource type within a project ({@code service}, {@code job}, ...). */
  public record ResourceType(String resourceType, PaasPrice price, List<Resource> resources) {}

  /** One resource's charges. */
  public record Resource(String id, String name, PaasPrice price) {}
}
