/**
 * Tally's own admin API under {@code /admin/v1}: accounts and their breakdown tree, meters, plans,
 * subscriptions, tokens, billing runs and invoices. Operator token only.
 */
package dev.tally.server.admin;
