package dev.tally.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tally.client.FieldError;
import dev.tally.client.Json;
import dev.tally.client.Usage;
import dev.tally.client.ValidationException;
import dev.tally.client.usage.IngestResult;
import dev.tally.client.usage.UsageEvent;
import java.io.PrintWriter;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code tally ingest FILE|-}: sends the events of a file in batches. Each batch is all or nothing
 * on the server; a refused batch is reported with the line numbers of its bad events and the rest
 * of the file is still sent. Sending a file again is safe: transaction ids make repeats duplicates.
 */
@Command(
    name = "ingest",
    description =
        "Send usage events from an NDJSON or CSV file (- for stdin) in batches (operator token).")
final class IngestCommand extends Action {
  private static final Pattern INDEXED_FIELD = Pattern.compile("^\\[(\\d+)]\\.?(.*)$");

  @Parameters(paramLabel = "FILE", description = "NDJSON or CSV file of events, or - for stdin")
  String file;

  @Option(
      names = "--format",
      paramLabel = "FORMAT",
      description = "ndjson or csv (default: by the file's name and first line)")
  String format;

  @Option(
      names = "--batch-size",
      paramLabel = "N",
      defaultValue = "100",
      description = "Events per request, 1 to 100 (default: ${DEFAULT-VALUE})")
  int batchSize;

  @Override
  int run() {
    if (batchSize < 1 || batchSize > Usage.MAX_BATCH) {
      throw new UsageError("--batch-size must be from 1 to " + Usage.MAX_BATCH);
    }
    if (format != null && !format.equals("csv") && !format.equals("ndjson")) {
      throw new UsageError("--format must be ndjson or csv");
    }
    List<String> lines = lines();
    boolean csv = format != null ? format.equals("csv") : EventFile.looksLikeCsv(file, lines);
    EventFile events = EventFile.read(lines, csv);
    Usage usage = client().usage();
    PrintWriter err = environment().err();
    long accepted = 0;
    long duplicates = 0;
    long rejected = events.problems.size();
    for (EventFile.Problem problem : events.problems) {
      err.println("error: line " + problem.number() + " " + problem.message() + "; not sent");
    }
    Progress progress =
        new Progress(err, environment().errIsTerminal() && !globals.quiet, events.events.size());
    for (int start = 0; start < events.events.size(); start += batchSize) {
      List<EventFile.Line> batch =
          events.events.subList(start, Math.min(start + batchSize, events.events.size()));
      List<UsageEvent> sent = batch.stream().map(EventFile.Line::event).toList();
      try {
        IngestResult result = usage.ingest(sent);
        accepted += result.accepted();
        duplicates += result.duplicates();
      } catch (ValidationException refused) {
        rejected += batch.size();
        progress.clear();
        report(err, batch, refused);
      }
      progress.advance(batch.size());
    }
    progress.clear();
    ObjectNode summary = Json.SNAKE.createObjectNode();
    summary.put("accepted", accepted).put("duplicates", duplicates).put("rejected", rejected);
    String text =
        accepted
            + " accepted, "
            + duplicates
            + " duplicate"
            + (duplicates == 1 ? "" : "s")
            + ", "
            + rejected
            + " rejected\n";
    show(View.of(summary, colour -> text));
    return rejected == 0 ? 0 : Main.API_ERROR;
  }

  private List<String> lines() {
    return readInput(file).lines().toList();
  }

  /** Names the lines of a refused batch and what was wrong with each. */
  private static void report(PrintWriter err, List<EventFile.Line> batch, ValidationException e) {
    err.println(
        "error: lines "
            + batch.get(0).number()
            + "-"
            + batch.get(batch.size() - 1).number()
            + " rejected"
            + (e.requestId() == null ? "" : " (request id " + e.requestId() + ")")
            + ": "
            + e.getMessage());
    for (FieldError error : e.errors()) {
      Matcher indexed = INDEXED_FIELD.matcher(error.field());
      if (indexed.matches() && Integer.parseInt(indexed.group(1)) < batch.size()) {
        int line = batch.get(Integer.parseInt(indexed.group(1))).number();
        String field = indexed.group(2);
        err.println(
            "  line " + line + ": " + (field.isEmpty() ? "" : field + " ") + error.message());
      } else {
        err.println("  " + error.field() + ": " + error.message());
      }
    }
    err.flush();
  }

  /** A progress bar on stderr, drawn only on a terminal. */
  private static final class Progress {
    private final PrintWriter err;
    private final boolean shown;
    private final int total;
    private int done;

    Progress(PrintWriter err, boolean shown, int total) {
      this.err = err;
      this.shown = shown && total > 0;
      this.total = total;
    }

    void advance(int events) {
      done += events;
      if (shown) {
        int width = 30;
        int filled = (int) ((long) done * width / total);
        err.print(
            "\r["
                + "#".repeat(filled)
                + " ".repeat(width - filled)
                + "] "
                + done
                + "/"
                + total
                + " events");
        err.flush();
      }
    }

    void clear() {
      if (shown) {
        err.print("\r\u001b[2K");
        err.flush();
      }
    }
  }
}
