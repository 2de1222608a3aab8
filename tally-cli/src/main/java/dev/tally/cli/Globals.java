package dev.tally.cli;

import picocli.CommandLine.Option;

/** The options every command takes, as in the Northflank CLI. */
final class Globals {
  @Option(
      names = "--host",
      paramLabel = "URL",
      description = "Tally's address (default: $TALLY_HOST, then the current context)")
  String host;

  @Option(
      names = "--token",
      paramLabel = "TOKEN",
      description = "API token (default: $TALLY_TOKEN, then the current context)")
  String token;

  @Option(
      names = "--context",
      paramLabel = "NAME",
      description = "Use this saved context instead of the current one")
  String context;

  @Option(
      names = {"-o", "--output"},
      paramLabel = "FORMAT",
      description =
          "table, json, yaml or custom-columns=NAME:path,... (default: table on a terminal,"
              + " json otherwise)")
  String output;

  @Option(names = "--verbose", description = "Print the HTTP exchange (never the token) to stderr")
  boolean verbose;

  @Option(names = "--quiet", description = "Print nothing but errors")
  boolean quiet;
}
