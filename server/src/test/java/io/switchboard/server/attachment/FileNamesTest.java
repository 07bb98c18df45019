package io.switchboard.server.attachment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** Uploaded names become safe to keep and to put in a header. */
class FileNamesTest {
  @Test
  void pathsQuotesAndControlCharactersGo() {
    assertThat(FileNames.sanitize("C:\\Users\\me\\report.pdf")).isEqualTo("report.pdf");
    assertThat(FileNames.sanitize("../../etc/passwd")).isEqualTo("passwd");
    assertThat(FileNames.sanitize("a\"b;c\r\nd.txt")).isEqualTo("a_b_c__d.txt");
    assertThat(FileNames.sanitize("...hidden")).isEqualTo("hidden");
    assertThat(FileNames.sanitize("截图 2026.png")).isEqualTo("截图 2026.png");
  }

  @Test
  void longNamesKeepTheirExtension() {
    String name = FileNames.sanitize("x".repeat(500) + ".jpeg");
    assertThat(name).hasSize(FileNames.MAX_LENGTH).endsWith(".jpeg");
  }

  @Test
  void nothingUsableIsRefused() {
    assertThatThrownBy(() -> FileNames.sanitize(null)).hasMessageContaining("name");
    assertThatThrownBy(() -> FileNames.sanitize("  ")).hasMessageContaining("name");
    assertThatThrownBy(() -> FileNames.sanitize("dir/")).hasMessageContaining("not a usable");
  }
}
