package dev.tally.domain.account;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The breakdown tree of one account as it stands: its teams, projects, resources and clusters,
 * looked up by id while an invoice is drawn.
 */
public final class Directory {
  private final Map<TeamId, Team> teams = new LinkedHashMap<>();
  private final Map<ProjectId, Project> projects = new LinkedHashMap<>();
  private final Map<ResourceId, Resource> resources = new LinkedHashMap<>();
  private final Map<ClusterId, Cluster> clusters = new LinkedHashMap<>();

  public Directory(
      Collection<Team> teams,
      Collection<Project> projects,
      Collection<Resource> resources,
      Collection<Cluster> clusters) {
    teams.forEach(team -> this.teams.put(team.id(), team));
    projects.forEach(project -> this.projects.put(project.id(), project));
    resources.forEach(resource -> this.resources.put(resource.id(), resource));
    clusters.forEach(cluster -> this.clusters.put(cluster.id(), cluster));
  }

  public static Directory empty() {
    return new Directory(List.of(), List.of(), List.of(), List.of());
  }

  public Optional<Team> team(TeamId id) {
    return Optional.ofNullable(teams.get(id));
  }

  public Optional<Project> project(ProjectId id) {
    return Optional.ofNullable(projects.get(id));
  }

  public Optional<Resource> resource(ResourceId id) {
    return Optional.ofNullable(resources.get(id));
  }

  public Optional<Cluster> cluster(ClusterId id) {
    return Optional.ofNullable(clusters.get(id));
  }

  public Collection<Team> teams() {
    return teams.values();
  }

  public Collection<Project> projects() {
    return projects.values();
  }

  public Collection<Resource> resources() {
    return resources.values();
  }

  public Collection<Cluster> clusters() {
    return clusters.values();
  }
}
