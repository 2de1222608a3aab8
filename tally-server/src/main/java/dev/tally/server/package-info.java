/**
 * The Tally server: wiring ({@link dev.tally.server.Tally}), the table of contents of the HTTP API
 * ({@link dev.tally.server.Routes}) and the command line that starts it ({@link
 * dev.tally.server.Main}).
 */
package dev.tally.server;
