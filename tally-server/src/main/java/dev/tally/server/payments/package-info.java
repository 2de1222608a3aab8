/** Payment status from payment providers: the signed webhook and its signature scheme. */
package dev.tally.server.payments;
