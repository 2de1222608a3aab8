/**
 * The admin API's objects: accounts and their tree, meters, plans, subscriptions, tokens, billing
 * runs and invoices. Money in minor units (cents); unit prices in cents, possibly fractional.
 */
package dev.tally.client.admin;
