package dev.tally.client.admin;

/** A project of a team. */
public record Project(String id, String teamId, String name) {}
