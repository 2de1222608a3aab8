/** The Java client library for Tally's APIs. It depends on nothing of the server. */
package dev.tally.client;
