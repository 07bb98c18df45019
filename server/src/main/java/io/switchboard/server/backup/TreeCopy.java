package io.switchboard.server.backup;

import io.switchboard.server.backup.BackupManifest.FileEntry;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.function.Predicate;

/**
 * Copies files and folders while computing each file's SHA-256 in the same pass, so a backup or a
 * restore reads every byte once.
 *
 * <p>Thread-safe: stateless.
 */
final class TreeCopy {
  private TreeCopy() {}

  /**
   * Copies {@code from} to {@code to} and returns its manifest entry named {@code name}; null when
   * the file vanished before it could be opened (a live database drops files).
   */
  static FileEntry copyFile(Path from, Path to, String name) throws IOException {
    MessageDigest digest = sha256();
    long size;
    Files.createDirectories(to.getParent());
    try (InputStream in = new DigestInputStream(Files.newInputStream(from), digest);
        OutputStream out = Files.newOutputStream(to)) {
      size = in.transferTo(out);
    } catch (NoSuchFileException e) {
      if (e.getFile() != null && Path.of(e.getFile()).equals(from)) {
        return null;
      }
      throw e;
    }
    return new FileEntry(name, size, HexFormat.of().formatHex(digest.digest()));
  }

  /** The manifest entry of {@code file} named {@code name}, read without copying it. */
  static FileEntry hashFile(Path file, String name) throws IOException {
    MessageDigest digest = sha256();
    try (InputStream in = new DigestInputStream(Files.newInputStream(file), digest)) {
      long size = in.transferTo(OutputStream.nullOutputStream());
      return new FileEntry(name, size, HexFormat.of().formatHex(digest.digest()));
    }
  }

  /** Fails unless {@code folder} is missing or an empty folder; then creates it. */
  static void requireNewOrEmpty(Path folder, String what) throws IOException {
    if (Files.exists(folder)) {
      if (!Files.isDirectory(folder)) {
        throw new IOException(what + " " + folder + " is a file, not a folder");
      }
      try (var entries = Files.list(folder)) {
        if (entries.findAny().isPresent()) {
          throw new IOException(what + " " + folder + " is not empty; give a new or empty folder");
        }
      }
    }
    Files.createDirectories(folder);
  }

  /**
   * Copies the tree under {@code from} into {@code to}, naming each file {@code prefix} plus its
   * path under {@code from}. Folders for which {@code keepEmpty} is true are created but their
   * contents skipped; files for which {@code skipFile} is true are left out.
   */
  static List<FileEntry> copyTree(Path from, Path to, String prefix, Predicate<Path> keepEmpty,
      Predicate<Path> skipFile) throws IOException {
    List<FileEntry> entries = new ArrayList<>();
    Files.walkFileTree(from, new SimpleFileVisitor<>() {
      @Override
      public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs)
          throws IOException {
        Path relative = from.relativize(dir);
        Files.createDirectories(to.resolve(relative.toString()));
        return !relative.toString().isEmpty() && keepEmpty.test(relative)
            ? FileVisitResult.SKIP_SUBTREE : FileVisitResult.CONTINUE;
      }

      @Override
      public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
        Path relative = from.relativize(file);
        if (!attrs.isRegularFile() || skipFile.test(relative)) {
          return FileVisitResult.CONTINUE;
        }
        String name = prefix + relative.toString().replace('\\', '/');
        FileEntry entry = copyFile(file, to.resolve(relative.toString()), name);
        if (entry != null) {
          entries.add(entry);
        }
        return FileVisitResult.CONTINUE;
      }

      @Override
      public FileVisitResult visitFileFailed(Path file, IOException e) throws IOException {
        if (e instanceof NoSuchFileException) {
          return FileVisitResult.CONTINUE; // removed by the live server while we walked
        }
        throw e;
      }
    });
    return entries;
  }

  /** Creates every folder under {@code from} below {@code to} too (empty ones included). */
  static void copyFolders(Path from, Path to) throws IOException {
    Files.walkFileTree(from, new SimpleFileVisitor<>() {
      @Override
      public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs)
          throws IOException {
        Files.createDirectories(to.resolve(from.relativize(dir).toString()));
        return FileVisitResult.CONTINUE;
      }
    });
  }

  /** The total size of the regular files under {@code root}; 0 when it does not exist. */
  static long sizeOf(Path root) throws IOException {
    if (!Files.exists(root)) {
      return 0;
    }
    try (var files = Files.walk(root)) {
      return files.filter(Files::isRegularFile).mapToLong(file -> {
        try {
          return Files.size(file);
        } catch (IOException e) {
          return 0;
        }
      }).sum();
    }
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
