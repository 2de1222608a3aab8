/**
 * Unchecked exceptions typed by meaning. The server maps each to an HTTP status and to the error
 * shape of the route family that raised it.
 */
package dev.tally.domain.error;
