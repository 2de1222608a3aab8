package dev.tally.client.admin;

import java.util.List;

/** An account's teams with their projects and resources, and its clusters. */
public record AccountTree(List<TeamTree> teams, List<Cluster> clusters) {
  /** A team and its projects. */
  public record TeamTree(String id, String accountId, String name, List<ProjectTree> projects) {}

  /** A project and its resources. */
  public record ProjectTree(String id, String teamId, String name, List<Resource> resources) {}
}
