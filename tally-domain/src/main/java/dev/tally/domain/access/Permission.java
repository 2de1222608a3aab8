package dev.tally.domain.access;

import java.util.Arrays;
import java.util.Optional;

/** A permission an account or team token can carry, named as Northflank names it. */
public enum Permission {
  BILLING_READ("Account > Billing > General > Read");

  private final String title;

  Permission(String title) {
    this.title = title;
  }

  public String title() {
    return title;
  }

  public static Optional<Permission> fromName(String name) {
    return Arrays.stream(values())
        .filter(permission -> permission.name().equals(name) || permission.title.equals(name))
        .findFirst();
  }
}
