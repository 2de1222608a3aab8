package dev.tally.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** CPU time and memory of a process (and its children) read from Linux's {@code /proc}. */
final class ProcessStats {
  private static final long TICKS_PER_SECOND = ticksPerSecond();

  private ProcessStats() {}

  /** One reading: CPU seconds of the process and of its descendants (the database), its RSS. */
  record Sample(long epochMillis, double cpuSeconds, double childCpuSeconds, long rssKb) {}

  static Sample sample(long pid) {
    return sample(pid, -1);
  }

  /**
   * Reads {@code pid}, and as its children the process {@code databasePid} (PostgreSQL's
   * postmaster, which detaches from the server) with its live backends and reaped children.
   */
  static Sample sample(long pid, long databasePid) {
    double children =
        ProcessHandle.of(pid).stream()
            .flatMap(ProcessHandle::descendants)
            .mapToDouble(child -> cpuSeconds(child.pid()))
            .sum();
    if (databasePid > 0) {
      children +=
          cpuSeconds(databasePid)
              + reapedChildrenCpuSeconds(databasePid)
              + ProcessHandle.of(databasePid).stream()
                  .flatMap(ProcessHandle::descendants)
                  .mapToDouble(child -> cpuSeconds(child.pid()))
                  .sum();
    }
    return new Sample(
        System.currentTimeMillis(), cpuSeconds(pid), children, statusKb(pid, "VmRSS:"));
  }

  /** User plus system CPU seconds of {@code pid}, 0 when it is gone. */
  static double cpuSeconds(long pid) {
    try {
      String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
      // Fields after the command name (which may hold spaces): state is field 3, utime 14, stime
      // 15.
      String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
      return (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) / (double) TICKS_PER_SECOND;
    } catch (IOException | RuntimeException e) {
      return 0;
    }
  }

  /** CPU seconds of the children {@code pid} has waited for (cutime plus cstime). */
  static double reapedChildrenCpuSeconds(long pid) {
    try {
      String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
      String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
      return (Long.parseLong(fields[13]) + Long.parseLong(fields[14])) / (double) TICKS_PER_SECOND;
    } catch (IOException | RuntimeException e) {
      return 0;
    }
  }

  /** A {@code kB} figure of {@code /proc/<pid>/status} such as VmRSS or VmHWM (peak), else 0. */
  static long statusKb(long pid, String key) {
    try {
      List<String> lines = Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"));
      for (String line : lines) {
        if (line.startsWith(key)) {
          return Long.parseLong(line.substring(key.length()).trim().split("\\s+")[0]);
        }
      }
    } catch (IOException | RuntimeException e) {
      return 0;
    }
    return 0;
  }

  private static long ticksPerSecond() {
    try {
      Process getconf = new ProcessBuilder("getconf", "CLK_TCK").start();
      String text = new String(getconf.getInputStream().readAllBytes()).trim();
      getconf.waitFor();
      return Long.parseLong(text);
    } catch (IOException | RuntimeException e) {
      return 100;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return 100;
    }
  }
}
