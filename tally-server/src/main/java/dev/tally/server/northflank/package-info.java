/**
 * Northflank's customer billing API, served for Tally's accounts and teams: {@code GET /v1/login},
 * the invoice list, the invoice details (the live preview or the invoice of a timestamp) and one
 * invoice's full breakdown, each also under {@code /v1/teams/{teamId}}, in the shapes the official
 * Northflank clients read. See docs/northflank-api.md.
 */
package dev.tally.server.northflank;
