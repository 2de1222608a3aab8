/** The {@code tally} command line. It talks to a server through the client library only. */
package dev.tally.cli;
