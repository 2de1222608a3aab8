package dev.tally.domain.account;

import java.util.Objects;

/** A project of a team. */
public record Project(ProjectId id, TeamId teamId, String name) {
  public Project {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(teamId, "teamId");
    Objects.requireNonNull(name, "name");
  }
}
