package dev.tally.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The saved contexts, like the Northflank CLI's: named pairs of host and token, one of them
 * current, in {@code ~/.tally/cli.json}, readable by its owner only (mode 600).
 */
final class Contexts {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** One saved server and token. */
  record Context(String name, String host, String token) {}

  private final Path file;
  private final Map<String, Context> contexts = new LinkedHashMap<>();
  private String current;

  private Contexts(Path file) {
    this.file = file;
  }

  static Path file(Path home) {
    return home.resolve(".tally").resolve("cli.json");
  }

  static Contexts load(Path home) {
    Contexts contexts = new Contexts(file(home));
    if (!Files.exists(contexts.file)) {
      return contexts;
    }
    try {
      JsonNode saved = JSON.readTree(contexts.file.toFile());
      contexts.current = saved.path("current").asText(null);
      for (var entry : saved.path("contexts").properties()) {
        contexts.contexts.put(
            entry.getKey(),
            new Context(
                entry.getKey(),
                entry.getValue().path("host").asText(null),
                entry.getValue().path("token").asText(null)));
      }
      return contexts;
    } catch (IOException e) {
      throw new UsageError("cannot read " + contexts.file + ": " + e.getMessage());
    }
  }

  Map<String, Context> all() {
    return contexts;
  }

  String current() {
    return current;
  }

  Context find(String name) {
    return contexts.get(name);
  }

  /** Saves {@code context} and makes it the current one. */
  void put(Context context) {
    contexts.put(context.name(), context);
    current = context.name();
    save();
  }

  void use(String name) {
    if (!contexts.containsKey(name)) {
      throw new UsageError(
          "no context named "
              + name
              + (contexts.isEmpty()
                  ? "; save one with 'tally login'"
                  : "; saved: " + String.join(", ", contexts.keySet())));
    }
    current = name;
    save();
  }

  private void save() {
    ObjectNode saved = JSON.createObjectNode();
    saved.put("current", current);
    ObjectNode all = saved.putObject("contexts");
    contexts
        .values()
        .forEach(c -> all.putObject(c.name()).put("host", c.host()).put("token", c.token()));
    try {
      Files.createDirectories(file.getParent());
      Path temporary = file.resolveSibling("cli.json.tmp");
      Files.deleteIfExists(temporary);
      boolean posix = FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
      if (posix) {
        Files.createFile(
            temporary,
            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
      }
      Files.write(temporary, JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(saved));
      Files.move(
          temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new UsageError("cannot write " + file + ": " + e.getMessage());
    }
  }
}
