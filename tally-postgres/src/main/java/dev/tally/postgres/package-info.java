/**
 * Storage on PostgreSQL: the stores of the domain's ports (Jdbi), the Flyway migrations, and the
 * embedded PostgreSQL that Tally starts when no database URL is given.
 */
package dev.tally.postgres;
