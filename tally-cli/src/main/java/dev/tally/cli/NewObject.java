package dev.tally.cli;

import picocli.CommandLine.Option;

/** {@code --id} and {@code --name} of an object to create. */
final class NewObject {
  @Option(names = "--id", description = "Its id (default: Tally makes one)")
  String id;

  @Option(names = "--name", required = true, description = "Its name")
  String name;
}
