package io.switchboard.server.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** The attachment store's settings: the defaults, an S3 store, and what a wrong one says. */
class AttachmentSettingsTest {
  @Test
  void filesUnderTheDataDirectoryByDefault() {
    AttachmentSettings settings = ConfigLoader.load(Map.of()).attachments();
    assertThat(settings.store()).isEqualTo("files");
    assertThat(settings.s3()).isNull();
    assertThat(settings.maxUploadBytes()).isEqualTo(100L * 1024 * 1024);
    assertThat(settings.linkTtl()).hasHours(12);
  }

  @Test
  void anS3StoreNeedsItsBucketAndKeys() {
    AttachmentSettings settings = ConfigLoader.load(Map.of("SWITCHBOARD_BLOB_STORE", "s3",
        "SWITCHBOARD_S3_ENDPOINT", "http://127.0.0.1:9000", "SWITCHBOARD_S3_BUCKET", "files",
        "SWITCHBOARD_S3_ACCESS_KEY", "a", "SWITCHBOARD_S3_SECRET_KEY", "b")).attachments();
    assertThat(settings.s3().endpoint().toString()).isEqualTo("http://127.0.0.1:9000");
    assertThat(settings.s3().pathStyle()).isTrue();
    assertThat(settings.s3().toString()).doesNotContain("b]").contains("bucket=files");

    assertThatThrownBy(() -> ConfigLoader.load(Map.of("SWITCHBOARD_BLOB_STORE", "s3",
        "SWITCHBOARD_S3_ENDPOINT", "ftp://x")))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("SWITCHBOARD_S3_ENDPOINT=ftp://x")
        .hasMessageContaining("SWITCHBOARD_S3_BUCKET")
        .hasMessageContaining("SWITCHBOARD_S3_ACCESS_KEY");
    assertThatThrownBy(() -> ConfigLoader.load(Map.of("SWITCHBOARD_BLOB_STORE", "disk")))
        .hasMessageContaining("SWITCHBOARD_BLOB_STORE=disk must be files or s3");
  }
}
