/**
 * Accounts (the billing entity) and the breakdown tree an invoice is drawn over: teams, projects,
 * resources of the seven resource types, and BYOC clusters.
 */
package dev.tally.domain.account;
