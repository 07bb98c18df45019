package io.switchboard.server.backup;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * A logical backup of an external PostgreSQL ({@code SWITCHBOARD_DATABASE_URL}) with the
 * server's own tools: {@code pg_dump -Fc} and {@code pg_restore}, from the PATH or
 * {@code /usr/lib/postgresql/<major>/bin}, at least as new as the server (older ones refuse it).
 * The password travels in {@code PGPASSWORD}, never on a command line.
 *
 * <p>Thread-safe: stateless.
 */
final class DumpBackup {
  private static final Pattern PASSWORD = Pattern.compile("([?&])password=([^&]*)&?");

  private DumpBackup() {}

  /** Dumps the database at {@code jdbcUrl} into {@code file}. */
  static void dump(String jdbcUrl, int serverMajor, Path file) throws IOException {
    run(jdbcUrl, List.of(tool("pg_dump", serverMajor), "-Fc", "--no-owner", "-f",
        file.toString()));
  }

  /** Restores {@code file} into the (empty) database at {@code jdbcUrl}. */
  static void restore(String jdbcUrl, int serverMajor, Path file) throws IOException {
    run(jdbcUrl, List.of(tool("pg_restore", serverMajor), "--exit-on-error", "--no-owner",
        file.toString()));
  }

  private static void run(String jdbcUrl, List<String> command)
      throws IOException {
    String url = jdbcUrl.startsWith("jdbc:") ? jdbcUrl.substring(5) : jdbcUrl;
    Matcher password = PASSWORD.matcher(url);
    String secret = null;
    if (password.find()) {
      secret = java.net.URLDecoder.decode(password.group(2), StandardCharsets.UTF_8);
      url = password.replaceFirst("$1").replaceAll("[?&]$", "");
    }
    List<String> full = new ArrayList<>(command);
    full.add(1, "--dbname=" + url);
    ProcessBuilder builder = new ProcessBuilder(full).redirectErrorStream(true);
    if (secret != null) {
      builder.environment().put("PGPASSWORD", secret);
    }
    Process process = builder.start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    try {
      if (process.waitFor() != 0) {
        throw new IOException(Path.of(command.get(0)).getFileName() + " failed: " + output.strip());
      }
    } catch (InterruptedException e) {
      process.destroy();
      Thread.currentThread().interrupt();
      throw new IOException("interrupted", e);
    }
  }

  /** The newest {@code name} found whose major version is at least {@code serverMajor}. */
  static String tool(String name, int serverMajor) throws IOException {
    List<Path> candidates = new ArrayList<>();
    for (String dir : System.getenv().getOrDefault("PATH", "").split(":")) {
      candidates.add(Path.of(dir.isEmpty() ? "." : dir, name));
    }
    Path debian = Path.of("/usr/lib/postgresql");
    if (Files.isDirectory(debian)) {
      try (Stream<Path> versions = Files.list(debian)) {
        versions.map(v -> v.resolve("bin").resolve(name)).forEach(candidates::add);
      }
    }
    Map.Entry<Integer, Path> best = null;
    for (Path candidate : candidates) {
      if (Files.isExecutable(candidate)) {
        int major = majorOf(candidate);
        if (best == null || major > best.getKey()) {
          best = Map.entry(major, candidate);
        }
      }
    }
    if (best == null || best.getKey() < serverMajor) {
      throw new IOException((best == null ? "no " + name + " found"
          : "the newest " + name + " found is " + best.getKey() + " (" + best.getValue() + ")")
          + ", but the server is PostgreSQL " + serverMajor + "; install postgresql-client-"
          + serverMajor + " or put a matching " + name + " on the PATH");
    }
    return best.getValue().toString();
  }

  private static int majorOf(Path tool) throws IOException {
    Process process = new ProcessBuilder(tool.toString(), "--version").redirectErrorStream(true)
        .start();
    String text = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    Matcher version = Pattern.compile("(\\d+)(\\.\\d+)?").matcher(text);
    return version.find() ? Integer.parseInt(version.group(1)) : 0;
  }

  /** The major version of a {@code server_version} such as {@code 18.1 (Debian ...)}. */
  static int major(String serverVersion) {
    Matcher version = Pattern.compile("^(\\d+)").matcher(serverVersion);
    return version.find() ? Integer.parseInt(version.group(1)) : 0;
  }
}
