package dev.tally.domain.account;

import java.util.Objects;

/** A billable thing inside a project (a service, a job, an addon, ...). */
public record Resource(ResourceId id, ProjectId projectId, ResourceType type, String name) {
  public Resource {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(projectId, "projectId");
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(name, "name");
  }
}
