/** API tokens and what their holders may do: operator, account and team scopes. */
package dev.tally.domain.access;
