package io.switchboard.bench.suite;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Finds the process that listens on a local TCP port, from {@code /proc}: the socket's inode in
 * {@code /proc/net/tcp} (and {@code tcp6}), then the process whose descriptors hold that socket.
 * The suite uses it for the PostgreSQL postmaster and the Redis server, which their embedded
 * wrappers start without telling their PIDs.
 *
 * <p>Stateless and thread-safe.
 */
public final class ListeningProcess {
  private static final String LISTEN = "0A";

  private ListeningProcess() {}

  /** The PID listening on {@code port}, or -1 when none is found (or it is not on this machine). */
  public static long of(int port) {
    Set<String> inodes = new HashSet<>();
    for (String table : List.of("/proc/net/tcp", "/proc/net/tcp6")) {
      try {
        inodes.addAll(listeningInodes(Files.readAllLines(Path.of(table)), port));
      } catch (IOException e) {
        // no such table (no IPv6)
      }
    }
    if (inodes.isEmpty()) {
      return -1;
    }
    List<Long> holders = holders(inodes);
    // Forked children may still hold the listening socket; the listener is the one whose parent
    // does not hold it.
    for (long pid : holders) {
      if (!holders.contains(parent(pid))) {
        return pid;
      }
    }
    return holders.isEmpty() ? -1 : holders.get(0);
  }

  /** The inodes of sockets listening on {@code port}, from the lines of a /proc/net/tcp table. */
  static Set<String> listeningInodes(List<String> lines, int port) {
    String hexPort = ":" + String.format(Locale.ROOT, "%04X", port);
    Set<String> out = new HashSet<>();
    for (String line : lines.subList(Math.min(1, lines.size()), lines.size())) {
      String[] f = line.trim().split("\\s+");
      if (f.length > 9 && f[1].endsWith(hexPort) && LISTEN.equals(f[3])) {
        out.add(f[9]);
      }
    }
    return out;
  }

  private static List<Long> holders(Set<String> inodes) {
    Set<String> links = new HashSet<>();
    inodes.forEach(inode -> links.add("socket:[" + inode + "]"));
    List<Long> out = new ArrayList<>();
    try (var procs = Files.list(Path.of("/proc"))) {
      for (Path proc : procs.toList()) {
        String name = proc.getFileName().toString();
        if (name.chars().allMatch(Character::isDigit) && holdsAny(proc.resolve("fd"), links)) {
          out.add(Long.parseLong(name));
        }
      }
    } catch (IOException e) {
      return out;
    }
    return out;
  }

  private static boolean holdsAny(Path fds, Set<String> links) {
    try (var stream = Files.list(fds)) {
      for (Path fd : stream.toList()) {
        try {
          if (links.contains(Files.readSymbolicLink(fd).toString())) {
            return true;
          }
        } catch (IOException | UnsupportedOperationException closed) {
          // the descriptor was closed meanwhile
        }
      }
    } catch (IOException | RuntimeException gone) {
      // the process ended, or is not ours to read
    }
    return false;
  }

  /** The parent PID of {@code pid}, or -1. */
  static long parent(long pid) {
    try {
      String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
      return Long.parseLong(stat.substring(stat.lastIndexOf(')') + 2).split(" ")[1]);
    } catch (IOException | RuntimeException gone) {
      return -1;
    }
  }
}
