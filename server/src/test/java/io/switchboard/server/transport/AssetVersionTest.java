package io.switchboard.server.transport;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The apps' version follows every file of theirs, and is the same whether the files sit in a
 * folder (a build) or in a jar (a release), so the nodes of one release agree on it.
 */
class AssetVersionTest {
  @TempDir
  Path temp;

  private final Map<String, String> files = new LinkedHashMap<>(Map.of(
      "console/index.html", "<html>console</html>",
      "console/views/reports.js", "export const a = 1;",
      "widget/frame.html", "<html>frame</html>",
      "widget/common/client.js", "export const b = 2;",
      "other/ignored.txt", "not an app file"));

  private String versionFromFolder(String name) throws IOException {
    Path root = temp.resolve(name);
    for (Map.Entry<String, String> file : files.entrySet()) {
      Path path = root.resolve(file.getKey());
      Files.createDirectories(path.getParent());
      Files.writeString(path, file.getValue());
    }
    return versionOf(root.toUri().toURL());
  }

  private String versionFromJar(String name) throws IOException {
    Path jar = temp.resolve(name + ".jar");
    try (OutputStream out = Files.newOutputStream(jar);
        JarOutputStream zip = new JarOutputStream(out)) {
      for (String folder : new String[] {"console/", "console/views/", "widget/",
          "widget/common/", "other/"}) {
        zip.putNextEntry(new JarEntry(folder));
        zip.closeEntry();
      }
      for (Map.Entry<String, String> file : files.entrySet()) {
        zip.putNextEntry(new JarEntry(file.getKey()));
        zip.write(file.getValue().getBytes(StandardCharsets.UTF_8));
        zip.closeEntry();
      }
    }
    return versionOf(jar.toUri().toURL());
  }

  private static String versionOf(URL root) throws IOException {
    try (URLClassLoader loader = new URLClassLoader(new URL[] {root}, null)) {
      return AssetVersion.compute(loader);
    }
  }

  @Test
  void aFolderAndAJarOfTheSameFilesHaveTheSameVersion() throws IOException {
    String folder = versionFromFolder("a");
    assertThat(folder).matches("[0-9a-f]{12}");
    assertThat(versionFromJar("a")).isEqualTo(folder);
    assertThat(versionFromFolder("b")).isEqualTo(folder);
  }

  @Test
  void anyChangeToAnAppFileChangesTheVersionAndOtherFilesDoNot() throws IOException {
    String before = versionFromFolder("before");
    files.put("other/ignored.txt", "changed");
    assertThat(versionFromFolder("other")).isEqualTo(before);
    files.put("console/views/reports.js", "export const a = 2;");
    String changed = versionFromFolder("changed");
    assertThat(changed).isNotEqualTo(before);
    assertThat(versionFromJar("changed")).isEqualTo(changed);
    files.put("widget/common/new.js", "export {};");
    String added = versionFromFolder("added");
    assertThat(added).isNotEqualTo(changed);
    // A file moved to another name is another version, though the bytes are the same.
    files.put("widget/common/renamed.js", files.remove("widget/common/new.js"));
    assertThat(versionFromFolder("renamed")).isNotEqualTo(added);
  }
}
