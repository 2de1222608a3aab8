package dev.tally.postgres;

import dev.tally.domain.time.BillingPeriod;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;

/**
 * The text of a {@code usage_pending} row: what one ingest group added to the accounts of one
 * shard. A block per account and billing period, its header line {@code account TAB start TAB end},
 * then a line per meter, hour and group of dimension values, {@code TAB meter TAB hour TAB
 * dimension-key TAB total TAB count TAB max} (max left empty when it equals the total); times in
 * epoch seconds. Backslash, tab and newline inside the account, meter and key are escaped as {@code
 * \\}, {@code \t} and {@code \n}, so a line that starts with a tab is always a usage line.
 */
final class PendingUsage {
  private PendingUsage() {}

  /** How many shards the accounts' pending usage is split into; a group writes a row per shard. */
  static final int SHARDS = 32;

  /** One usage line of a pending row, with its block's account and period. */
  interface Line {
    void add(
        String accountId,
        BillingPeriod period,
        String meterId,
        Instant hour,
        String dimKey,
        BigDecimal total,
        long count,
        BigDecimal max);
  }

  /**
   * The shard of an account: the low five bits of the first byte of the MD5 of its id, which {@link
   * #shardSql} computes the same in PostgreSQL.
   */
  static int shard(String accountId) {
    return SHARD_OF.get(accountId);
  }

  private static final Memo<String, Integer> SHARD_OF =
      new Memo<>(1_000_000, PendingUsage::computeShard);

  private static int computeShard(String accountId) {
    try {
      byte[] digest =
          MessageDigest.getInstance("MD5").digest(accountId.getBytes(StandardCharsets.UTF_8));
      return digest[0] & (SHARDS - 1);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java platform has MD5", e);
    }
  }

  /** {@link #shard} in SQL, of an account id expression. */
  static String shardSql(String account) {
    return "(get_byte(decode(md5(" + account + "), 'hex'), 0) & " + (SHARDS - 1) + ")";
  }

  /**
   * A condition on a pending row {@code p} that holds for every row with a block of the account
   * {@code account} (an SQL expression): its text contains the account's header, escaped as {@link
   * #appendBlock} writes it, followed by a tab. It may hold for a few other rows too ({@link #read}
   * with the account skips their blocks); it lets a read fetch a handful of its shard's rows.
   */
  static String mentionsSql(String account) {
    // chr(92) is the backslash, chr(9) the tab, chr(10) the newline.
    return "strpos(p.contributions, replace(replace(replace("
        + account
        + ", chr(92), chr(92) || chr(92)), chr(9), chr(92) || 't'), chr(10), chr(92) || 'n')"
        + " || chr(9)) > 0";
  }

  static void appendBlock(StringBuilder out, String accountId, BillingPeriod period) {
    escape(out, accountId);
    out.append('\t')
        .append(period.start().getEpochSecond())
        .append('\t')
        .append(period.end().getEpochSecond())
        .append('\n');
  }

  static void appendLine(
      StringBuilder out,
      String meterId,
      Instant hour,
      String dimKey,
      BigDecimal total,
      long count,
      BigDecimal max) {
    out.append('\t');
    escape(out, meterId);
    out.append('\t').append(hour.getEpochSecond()).append('\t');
    escape(out, dimKey);
    String totalText = total.toPlainString();
    out.append('\t').append(totalText).append('\t').append(count).append('\t');
    if (max.compareTo(total) != 0 || max.scale() != total.scale()) {
      out.append(max.toPlainString());
    }
    out.append('\n');
  }

  /**
   * Hands each usage line of {@code text} to {@code line}, in order; only those of {@code
   * accountId}'s blocks when it is not null (the others are skipped unread).
   */
  static void read(String text, String accountId, Line line) {
    int start = 0;
    int length = text.length();
    String account = null;
    BillingPeriod period = null;
    boolean wanted = false;
    while (start < length) {
      int end = text.indexOf('\n', start);
      if (end < 0) {
        throw new IllegalStateException("not a pending usage row: no end of line at " + start);
      }
      if (text.charAt(start) != '\t') {
        int accountEnd = text.indexOf('\t', start);
        int startEnd = text.indexOf('\t', accountEnd + 1);
        account = unescape(text, start, accountEnd);
        wanted = accountId == null || accountId.equals(account);
        if (wanted) {
          period =
              new BillingPeriod(
                  Instant.ofEpochSecond(Long.parseLong(text, accountEnd + 1, startEnd, 10)),
                  Instant.ofEpochSecond(Long.parseLong(text, startEnd + 1, end, 10)));
        }
      } else if (wanted) {
        int meterEnd = text.indexOf('\t', start + 1);
        int hourEnd = text.indexOf('\t', meterEnd + 1);
        int keyEnd = text.indexOf('\t', hourEnd + 1);
        int totalEnd = text.indexOf('\t', keyEnd + 1);
        int countEnd = text.indexOf('\t', totalEnd + 1);
        BigDecimal total = new BigDecimal(text.substring(keyEnd + 1, totalEnd));
        line.add(
            account,
            period,
            unescape(text, start + 1, meterEnd),
            Instant.ofEpochSecond(Long.parseLong(text, meterEnd + 1, hourEnd, 10)),
            unescape(text, hourEnd + 1, keyEnd),
            total,
            Long.parseLong(text, totalEnd + 1, countEnd, 10),
            countEnd + 1 == end ? total : new BigDecimal(text.substring(countEnd + 1, end)));
      }
      start = end + 1;
    }
  }

  private static void escape(StringBuilder out, String text) {
    // Runs of text that need no escape are appended whole.
    int from = 0;
    for (int i = 0; i < text.length(); i++) {
      String escaped =
          switch (text.charAt(i)) {
            case '\\' -> "\\\\";
            case '\t' -> "\\t";
            case '\n' -> "\\n";
            default -> null;
          };
      if (escaped != null) {
        out.append(text, from, i).append(escaped);
        from = i + 1;
      }
    }
    out.append(text, from, text.length());
  }

  private static String unescape(String text, int from, int to) {
    int backslash = text.indexOf('\\', from);
    if (backslash < 0 || backslash >= to) {
      return text.substring(from, to);
    }
    StringBuilder out = new StringBuilder(to - from);
    for (int i = from; i < to; i++) {
      char c = text.charAt(i);
      if (c == '\\' && i + 1 < to) {
        char next = text.charAt(++i);
        out.append(next == 't' ? '\t' : next == 'n' ? '\n' : next);
      } else {
        out.append(c);
      }
    }
    return out.toString();
  }
}
