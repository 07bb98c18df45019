package io.switchboard.server.transport;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.JarURLConnection;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Stream;

/**
 * The version of the web apps this server serves: a hash over the name and content of every file
 * under {@code console/} and {@code widget/} on the classpath, whether they sit in a folder (a
 * build) or in a jar (a release). Pages link their scripts and styles under
 * {@code /assets/VERSION/}, so a browser may keep them for a year: a change to any file changes
 * the version, and with it every address.
 *
 * <p>Computed once; immutable and thread-safe.
 */
final class AssetVersion {
  /** The folders hashed, each named by a file that is always in it. */
  private static final Map<String, String> ROOTS = Map.of(
      "console/", "console/index.html", "widget/", "widget/frame.html");

  private AssetVersion() {}

  /** Twelve hex digits of SHA-256 over the apps' files, in name order. */
  static String compute() {
    return compute(AssetVersion.class.getClassLoader());
  }

  /** The version of the apps as the given class loader finds them. */
  static String compute(ClassLoader loader) {
    TreeMap<String, byte[]> files = new TreeMap<>();
    ROOTS.forEach((prefix, marker) -> collect(loader, prefix, marker, files));
    try {
      MessageDigest digest = MessageDigest.getInstance("SHA-256");
      files.forEach((name, bytes) -> {
        digest.update(name.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        digest.update((byte) 0);
        digest.update(bytes);
      });
      return HexFormat.of().formatHex(digest.digest()).substring(0, 12);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static void collect(ClassLoader loader, String prefix, String marker,
      Map<String, byte[]> into) {
    URL url = loader.getResource(marker);
    if (url == null) {
      return;
    }
    try {
      if (url.getProtocol().equals("file")) {
        Path root = Path.of(url.toURI()).getParent();
        try (Stream<Path> walk = Files.walk(root)) {
          for (Path file : walk.filter(Files::isRegularFile).toList()) {
            String relative = root.relativize(file).toString().replace('\\', '/');
            into.put(prefix + relative, Files.readAllBytes(file));
          }
        }
      } else if (url.getProtocol().equals("jar")) {
        JarURLConnection connection = (JarURLConnection) url.openConnection();
        connection.setUseCaches(false);
        try (JarFile jar = connection.getJarFile()) {
          List<JarEntry> entries = jar.stream()
              .filter(e -> !e.isDirectory() && e.getName().startsWith(prefix)).toList();
          for (JarEntry entry : entries) {
            try (InputStream in = jar.getInputStream(entry)) {
              into.put(entry.getName(), in.readAllBytes());
            }
          }
        }
      } else {
        throw new IllegalStateException("cannot list " + url);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }
}
