package dev.tally.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * Compares runs of the command line with golden text files under {@code src/test/resources/golden}:
 * the command, exit code, stdout and stderr of each. What changes from run to run is replaced
 * first: the server's address by {@code http://tally}, invoice ids by same-length placeholders
 * ({@code inv(acme-2026-02)....}), cursors by {@code <cursor>}, temporary paths by {@code <tmp>};
 * escape characters and carriage returns are written {@code <ESC>} and {@code <CR>}. {@code
 * GOLDEN_UPDATE=1} rewrites the files.
 */
final class Golden {
  private static final Path DIRECTORY = Path.of("src/test/resources/golden");

  private final String baseUrl;
  private final Map<String, String> invoiceNames;
  private final Path temporary;
  private final Map<String, String> secrets = new java.util.LinkedHashMap<>();

  Golden(String baseUrl, Map<String, String> invoiceNames, Path temporary) {
    this.baseUrl = baseUrl;
    this.invoiceNames = invoiceNames;
    this.temporary = temporary;
  }

  /** Also writes {@code secret} as {@code placeholder} (tokens are random). */
  Golden hide(String secret, String placeholder) {
    secrets.put(secret, placeholder);
    return this;
  }

  void check(String name, Terminal.Run... runs) {
    StringBuilder text = new StringBuilder();
    for (Terminal.Run run : runs) {
      text.append("$ ").append(run.command()).append('\n');
      text.append("exit ").append(run.exit()).append('\n');
      text.append("--- stdout\n").append(run.out());
      text.append("--- stderr\n").append(run.err());
      text.append("---\n\n");
    }
    String actual = normalize(text.toString());
    Path file = DIRECTORY.resolve(name + ".txt");
    try {
      if ("1".equals(System.getenv("GOLDEN_UPDATE"))) {
        Files.createDirectories(DIRECTORY);
        Files.writeString(file, actual, StandardCharsets.UTF_8);
      }
      assertThat(file).as("golden file %s (GOLDEN_UPDATE=1 writes it)", file).exists();
      assertThat(actual)
          .as("output against %s", file)
          .isEqualTo(Files.readString(file, StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private String normalize(String text) {
    String normalized =
        text.replace(baseUrl, "http://tally").replace(temporary.toString(), "<tmp>");
    for (var entry : secrets.entrySet()) {
      normalized = normalized.replace(entry.getKey(), entry.getValue());
    }
    for (var entry : invoiceNames.entrySet()) {
      normalized = normalized.replace(entry.getKey(), entry.getValue());
    }
    return normalized
        .replace("\u001b", "<ESC>")
        .replace("\r", "<CR>")
        .replaceAll("--cursor [A-Za-z0-9_-]+", "--cursor <cursor>")
        .replaceAll("--next-page [A-Za-z0-9_-]+", "--next-page <cursor>")
        .replaceAll("(\"(?:cursor|next_page)\" ?: ?)\"[A-Za-z0-9_-]+\"", "$1\"<cursor>\"")
        .replaceAll("([?&](?:cursor|next_page)=)[A-Za-z0-9_-]+", "$1<cursor>")
        .replaceAll("(?m)^(\\s*(?:cursor|next_page): )[A-Za-z0-9_-]+$", "$1<cursor>");
  }
}
