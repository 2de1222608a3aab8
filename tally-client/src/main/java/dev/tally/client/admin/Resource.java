package dev.tally.client.admin;

/**
 * A resource of a project; {@code type} is service, job, addon, volume, opentofu-job,
 * llm-model-deployment or external-addon.
 */
public record Resource(String id, String projectId, String name, String type) {}
