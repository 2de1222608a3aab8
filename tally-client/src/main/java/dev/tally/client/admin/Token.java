package dev.tally.client.admin;

import java.time.Instant;
import java.util.List;

/**
 * An API token: {@code kind} operator, account or team; the owning account and team (null when
 * none); {@code token} is the secret text, present only in the answer to its creation.
 */
public record Token(
    String id,
    String name,
    String kind,
    String accountId,
    String teamId,
    List<String> permissions,
    Instant createdAt,
    Instant revokedAt,
    String token) {}
