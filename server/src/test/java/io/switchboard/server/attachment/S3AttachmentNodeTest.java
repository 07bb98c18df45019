package io.switchboard.server.attachment;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.switchboard.server.testing.Fixtures;
import io.switchboard.server.testing.Http;
import io.switchboard.server.testing.S3Server;
import io.switchboard.server.testing.TestNode;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A node configured with {@code SWITCHBOARD_BLOB_STORE=s3} against a real S3-compatible server
 * (Adobe S3Mock in this JVM): an upload lands in the bucket and its link serves it back.
 */
class S3AttachmentNodeTest {
  @TempDir
  Path dataDir;
  @TempDir
  Path bucketRoot;

  @Test
  void uploadsGoToTheBucketAndComeBack() throws Exception {
    try (S3Server s3 = S3Server.start(bucketRoot, "node-files");
        TestNode node = TestNode.start(Map.of("SWITCHBOARD_DATA_DIR", dataDir.toString(),
        "SWITCHBOARD_BLOB_STORE", "s3", "SWITCHBOARD_S3_ENDPOINT", s3.endpoint(),
        "SWITCHBOARD_S3_BUCKET", "node-files", "SWITCHBOARD_S3_ACCESS_KEY", "key",
        "SWITCHBOARD_S3_SECRET_KEY", "secret"))) {
      Fixtures fixtures = Fixtures.create(node.node().database().jdbi());
      String visitor = Http.visitorToken(node.http(), fixtures.siteKey);
      Uploads.Reply uploaded = Uploads.upload(node.http(), visitor, "pixel.png",
          AttachmentNodeTest.PNG);
      assertThat(uploaded.status()).as(String.valueOf(uploaded.body())).isEqualTo(201);
      JsonNode file = uploaded.body();
      assertThat(Uploads.download(node.http(), file.get("url").asText()).body())
          .isEqualTo(AttachmentNodeTest.PNG);
      // Nothing under the data directory but the uploads in progress (none now).
      assertThat(dataDir.resolve("attachments")).doesNotExist();
    }
  }
}
