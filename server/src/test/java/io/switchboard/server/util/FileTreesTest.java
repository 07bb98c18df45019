package io.switchboard.server.util;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Deleting a folder with nested folders and files, and one that is already gone. */
class FileTreesTest {
  @TempDir
  Path scratch;

  @Test
  void aFolderGoesWithEverythingInIt() throws Exception {
    Path root = scratch.resolve("server");
    Files.createDirectories(root.resolve("base/1/empty"));
    Files.writeString(root.resolve("PG_VERSION"), "16");
    Files.writeString(root.resolve("base/1/2613"), "pages");
    Path besides = Files.writeString(scratch.resolve("kept.txt"), "not under the folder");

    FileTrees.delete(root);

    assertThat(root).doesNotExist();
    assertThat(besides).exists();
  }

  @Test
  void aMissingFolderIsAlreadyDeleted() {
    Path missing = scratch.resolve("never-created");
    FileTrees.delete(missing);
    assertThat(missing).doesNotExist();
  }
}
